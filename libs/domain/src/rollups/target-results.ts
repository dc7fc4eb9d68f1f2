import { constantList } from '../common';
import { TargetStatus } from '../targets';

/**
 * The one definition of Dragnet's result figures, used by the status roll-up, the daily digest, the
 * close's final roll-up and the end-of-operation exports. Arrested, located and still at large are
 * disjoint. Arrested counts every target that was arrested, whatever happened to it after.
 */
export const ARRESTED_STATUSES: readonly TargetStatus[] = [
  TargetStatus.Arrested,
  TargetStatus.Extradited,
  TargetStatus.Surrendered,
  TargetStatus.Released,
];
export const LOCATED_STATUSES: readonly TargetStatus[] = [TargetStatus.Located];
/** Accepted and never (or no longer) located: at close, the targets still at large. */
export const STILL_AT_LARGE_STATUSES: readonly TargetStatus[] = [TargetStatus.Accepted];

export type TargetResult = 'arrested' | 'located' | 'still_at_large';

/** Which of the three result figures a target in this status counts in, if any. */
export function targetResultOf(status: TargetStatus): TargetResult | null {
  if (ARRESTED_STATUSES.includes(status)) return 'arrested';
  if (LOCATED_STATUSES.includes(status)) return 'located';
  if (STILL_AT_LARGE_STATUSES.includes(status)) return 'still_at_large';
  return null;
}

/** The same classification as a SQL expression over a target status column ('' for none). */
export function targetResultSql(column: string): string {
  return `CASE
        WHEN ${column} IN ${constantList(ARRESTED_STATUSES)} THEN 'arrested'
        WHEN ${column} IN ${constantList(LOCATED_STATUSES)} THEN 'located'
        WHEN ${column} IN ${constantList(STILL_AT_LARGE_STATUSES)} THEN 'still_at_large'
        ELSE ''
      END`;
}
