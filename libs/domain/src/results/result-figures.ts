import { LeadStatus } from '../leads/lead-status';
import { TargetStatus } from '../targets/target-status';
import { TaskStatus } from '../tasks/task-status';

/**
 * The shared figure definitions of the roll-up and the results (README, "End-of-operation results").
 * Constants of the code, never input, so they may be written into SQL.
 */
const list = (values: readonly string[]) => `(${values.map((value) => `'${value}'`).join(', ')})`;

export const ARRESTED_STATUSES: readonly TargetStatus[] = [
  TargetStatus.Arrested,
  TargetStatus.Extradited,
  TargetStatus.Surrendered,
  TargetStatus.Released,
];
export const OPEN_TASK_STATUSES: readonly TaskStatus[] = [
  TaskStatus.Open,
  TaskStatus.Acknowledged,
  TaskStatus.InProgress,
];

export const ARRESTED_SQL = list(ARRESTED_STATUSES);
export const LOCATED_SQL = `('${TargetStatus.Located}')`;
/** Accepted and not (or no longer) located: at close, the targets still at large. */
export const AT_LARGE_SQL = `('${TargetStatus.Accepted}')`;
export const OPEN_TASK_SQL = list(OPEN_TASK_STATUSES);

export const TARGET_STATUSES = Object.values(TargetStatus);
export const LEAD_STATUSES = Object.values(LeadStatus);

/** "26 fugitives arrested and 31 located in 12 countries" */
export function headlineText(arrested: number, located: number, countries: number): string {
  const fugitives = arrested === 1 ? 'fugitive' : 'fugitives';
  return `${arrested} ${fugitives} arrested and ${located} located in ${countries} ${countries === 1 ? 'country' : 'countries'}`;
}
