export enum Sex {
  Male = 'M',
  Female = 'F',
  Unknown = 'U',
}

export enum SmugglingRole {
  Organiser = 'organiser',
  Facilitator = 'facilitator',
  Transporter = 'transporter',
  DocumentForger = 'document_forger',
  Harbourer = 'harbourer',
  IllegalTravelAgent = 'illegal_travel_agent',
  Recruiter = 'recruiter',
  Other = 'other',
}

export enum Priority {
  High = 'high',
  Medium = 'medium',
  Low = 'low',
}

export enum WantedFor {
  Prosecution = 'prosecution',
  Sentence = 'sentence',
}

export interface IdentityDocument {
  type: string;
  number: string;
  issuingCountry: string | null;
}

/** What the target list can be sorted by (`-` first: descending), each the leading columns of an index. */
const SORT_COLUMNS = {
  reference: ['target.reference'],
  name: ['target.familyName', 'target.givenNames'],
  // In the workflow's order (the enumeration's), not alphabetical.
  status: ['target.status'],
  wantedBy: ['target.wantedByCountry'],
  updatedAt: ['target.updatedAt'],
} as const;
type SortKey = keyof typeof SORT_COLUMNS;
export type TargetSort = SortKey | `-${SortKey}`;
export const TARGET_SORTS = (Object.keys(SORT_COLUMNS) as SortKey[]).flatMap((key): TargetSort[] => [key, `-${key}`]);

/**
 * The ORDER BY of a sort: its columns then the reference (unique in an operation), all in one
 * direction, so pages never overlap or skip and each sort reads (operation_id, columns..., reference)
 * from its index forwards or backwards.
 */
export function targetOrder(sort: TargetSort): { columns: string[]; direction: 'ASC' | 'DESC' } {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as SortKey;
  const columns: string[] = [...SORT_COLUMNS[key]];
  if (key !== 'reference') columns.push('target.reference');
  return { columns, direction: descending ? 'DESC' : 'ASC' };
}
