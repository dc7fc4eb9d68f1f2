import type { EntityManager } from 'typeorm';
import { constantList } from '../common';
import { INFORMATION_ASSESSMENTS, LeadStatus, SourceReliability } from '../leads';
import { TargetStatus } from '../targets';
import { OPEN_TASK_STATUSES } from '../tasks';
import { computeNetworkFigures, type NetworkFigures } from './network-figures';
import { targetResultOf } from './target-results';

/** A lead's grading on Europol's 4x4: source reliability (A, B, C, X) then information (1-4), e.g. `B2`. */
export type LeadGrading = `${SourceReliability}${(typeof INFORMATION_ASSESSMENTS)[number]}`;
export const LEAD_GRADINGS: readonly LeadGrading[] = Object.values(SourceReliability).flatMap((source) =>
  INFORMATION_ASSESSMENTS.map((information): LeadGrading => `${source}${information}`),
);

export interface LeadFigures {
  total: number;
  byStatus: Record<LeadStatus, number>;
  /**
   * Per grading, all 16 present. Counts only, like byStatus, and of every handling code: no lead's
   * content is in them, and who sees which country's counts is decided as for the other figures.
   * Absent from snapshots taken before gradings were counted.
   */
  byGrading?: Record<LeadGrading, number>;
  last24Hours: number;
}

export interface TaskFigures {
  open: number;
  overdue: number;
  done: number;
}

/** Notice and diffusion requests: count per type, then per status (only the pairs that occur). */
export type RequestFigures = Record<string, Record<string, number>>;

export interface CountryFigures {
  country: string;
  /** One of the operation's participants (false: it appears only in the data, e.g. as wanting country). */
  participant: boolean;
  targetsNominated: number;
  targetsWanted: number;
  arrestedIn: number;
  locatedIn: number;
  stillAtLargeWantedBy: number;
  /** Leads this country reported. */
  leads: LeadFigures;
  /** Tasks assigned to this country. */
  tasks: TaskFigures;
  /** Requests this country made (notices) or circulated (diffusions). */
  requests: RequestFigures;
}

export interface TotalFigures {
  targets: number;
  targetsByStatus: Record<TargetStatus, number>;
  arrested: number;
  located: number;
  stillAtLarge: number;
  leads: LeadFigures;
  tasks: TaskFigures;
  requests: RequestFigures;
}

export interface Headline {
  arrested: number;
  located: number;
  countries: number;
  text: string;
}

/** An operation's status roll-up, as stored in a snapshot and shared with the end-of-operation export. */
export interface OperationFigures {
  headline: Headline;
  totals: TotalFigures;
  countries: CountryFigures[];
  /** Per network (absent from snapshots taken before networks existed). */
  networks?: NetworkFigures[];
}

/** What one country's investigators may see of the figures: the headline and their own country's row. */
export interface CountryViewOfFigures {
  headline: Headline;
  totals: null;
  countries: CountryFigures[];
  /** Network figures count members of every country, some of which it may not read: not in its view. */
  networks: null;
}

/**
 * Need to know: another country's tasks, leads and requests are not an investigator's business, so
 * its view (in GET status and in its exports alike) has the headline and its own country only.
 */
export function countryView(figures: OperationFigures, country: string): CountryViewOfFigures {
  return {
    headline: figures.headline,
    totals: null,
    countries: figures.countries.filter((entry) => entry.country === country),
    networks: null,
  };
}

export interface TargetCountRow {
  status: TargetStatus;
  nominating_country: string;
  wanted_by_country: string;
  arrested_country: string | null;
  located_country: string | null;
  count: number;
}
export interface LeadRow {
  reporting_country: string;
  status: LeadStatus;
  source_reliability: SourceReliability;
  information_assessment: number;
  count: number;
  recent: number;
}
export interface TaskRow {
  assigned_country: string;
  open: number;
  overdue: number;
  done: number;
}
export interface RequestRow {
  requesting_country: string;
  type: string;
  status: string;
  count: number;
}
export interface FigureRows {
  participants: string[];
  targets: TargetCountRow[];
  leads: LeadRow[];
  tasks: TaskRow[];
  requests: RequestRow[];
}

const zeroes = <K extends string>(keys: K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
const emptyLeads = (): LeadFigures => ({
  total: 0,
  byStatus: zeroes(Object.values(LeadStatus)),
  byGrading: zeroes([...LEAD_GRADINGS]),
  last24Hours: 0,
});
const emptyTasks = (): TaskFigures => ({ open: 0, overdue: 0, done: 0 });

function addRequest(figures: RequestFigures, type: string, status: string, count: number): void {
  figures[type] ??= {};
  figures[type][status] = (figures[type][status] ?? 0) + count;
}

export function headlineText(arrested: number, located: number, countries: number): string {
  const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return `${plural(arrested, 'fugitive', 'fugitives')} arrested and ${located} located in ${plural(countries, 'country', 'countries')}`;
}

/** Turns the grouped rows of the roll-up queries into the figures; pure, so the rules are unit-tested. */
export function assembleFigures(rows: FigureRows): OperationFigures {
  const participants = new Set(rows.participants);
  const byCountry = new Map<string, CountryFigures>();
  const country = (code: string): CountryFigures => {
    let figures = byCountry.get(code);
    if (!figures) {
      figures = {
        country: code,
        participant: participants.has(code),
        targetsNominated: 0,
        targetsWanted: 0,
        arrestedIn: 0,
        locatedIn: 0,
        stillAtLargeWantedBy: 0,
        leads: emptyLeads(),
        tasks: emptyTasks(),
        requests: {},
      };
      byCountry.set(code, figures);
    }
    return figures;
  };
  for (const code of rows.participants) country(code);

  const totals: TotalFigures = {
    targets: 0,
    targetsByStatus: zeroes(Object.values(TargetStatus)),
    arrested: 0,
    located: 0,
    stillAtLarge: 0,
    leads: emptyLeads(),
    tasks: emptyTasks(),
    requests: {},
  };
  const resultCountries = new Set<string>();
  for (const row of rows.targets) {
    const count = Number(row.count);
    totals.targets += count;
    totals.targetsByStatus[row.status] += count;
    country(row.nominating_country).targetsNominated += count;
    country(row.wanted_by_country).targetsWanted += count;
    const result = targetResultOf(row.status);
    if (result === 'arrested') {
      totals.arrested += count;
      if (row.arrested_country) {
        country(row.arrested_country).arrestedIn += count;
        resultCountries.add(row.arrested_country);
      }
    } else if (result === 'located') {
      totals.located += count;
      if (row.located_country) {
        country(row.located_country).locatedIn += count;
        resultCountries.add(row.located_country);
      }
    } else if (result === 'still_at_large') {
      totals.stillAtLarge += count;
      country(row.wanted_by_country).stillAtLargeWantedBy += count;
    }
  }
  for (const row of rows.leads) {
    const count = Number(row.count);
    const recent = Number(row.recent);
    const grading = `${row.source_reliability}${Number(row.information_assessment)}` as LeadGrading;
    for (const leads of [totals.leads, country(row.reporting_country).leads]) {
      leads.total += count;
      leads.byStatus[row.status] += count;
      leads.byGrading![grading] += count;
      leads.last24Hours += recent;
    }
  }
  for (const row of rows.tasks) {
    for (const tasks of [totals.tasks, country(row.assigned_country).tasks]) {
      tasks.open += Number(row.open);
      tasks.overdue += Number(row.overdue);
      tasks.done += Number(row.done);
    }
  }
  for (const row of rows.requests) {
    addRequest(totals.requests, row.type, row.status, Number(row.count));
    addRequest(country(row.requesting_country).requests, row.type, row.status, Number(row.count));
  }
  return {
    headline: {
      arrested: totals.arrested,
      located: totals.located,
      countries: resultCountries.size,
      text: headlineText(totals.arrested, totals.located, resultCountries.size),
    },
    totals,
    countries: [...byCountry.values()].sort((a, b) => a.country.localeCompare(b.country)),
  };
}

/**
 * Computes an operation's figures with one grouped query per figure family, inside the caller's
 * EntityManager (a REPEATABLE READ transaction gives one consistent picture). `now` fixes "overdue"
 * and "the last 24 hours". Shared by the roll-up worker, the digest, the close and the exports.
 */
export async function computeOperationFigures(
  manager: EntityManager,
  operationId: string,
  now: Date = new Date(),
): Promise<OperationFigures> {
  const participants: { country: string }[] = await manager.query(
    `SELECT country FROM participants WHERE operation_id = $1`,
    [operationId],
  );
  const targets: TargetCountRow[] = await manager.query(
    `SELECT status, nominating_country, wanted_by_country, arrested_country, located_country, count(*)::int AS count
       FROM targets WHERE operation_id = $1 AND merged_into_id IS NULL
      GROUP BY 1, 2, 3, 4, 5`,
    [operationId],
  );
  // One pass over the operation's leads gives the status and the grading figures together.
  const leads: LeadRow[] = await manager.query(
    `SELECT reporting_country, status, source_reliability, information_assessment, count(*)::int AS count,
            count(*) FILTER (WHERE created_at >= $2::timestamptz - interval '24 hours')::int AS recent
       FROM leads WHERE operation_id = $1
      GROUP BY 1, 2, 3, 4`,
    [operationId, now],
  );
  const open = constantList(OPEN_TASK_STATUSES);
  const tasks: TaskRow[] = await manager.query(
    `SELECT assigned_country,
            count(*) FILTER (WHERE status IN ${open})::int AS open,
            count(*) FILTER (WHERE status IN ${open} AND due_at < $2)::int AS overdue,
            count(*) FILTER (WHERE status = 'done')::int AS done
       FROM tasks WHERE operation_id = $1
      GROUP BY 1`,
    [operationId, now],
  );
  const requests: RequestRow[] = await manager.query(
    `SELECT requesting_country, type, status, count(*)::int AS count
       FROM notice_requests WHERE operation_id = $1
      GROUP BY 1, 2, 3`,
    [operationId],
  );
  const figures = assembleFigures({
    participants: participants.map((row) => row.country),
    targets,
    leads,
    tasks,
    requests,
  });
  return { ...figures, networks: await computeNetworkFigures(manager, operationId) };
}
