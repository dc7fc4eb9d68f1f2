import { StateMachine } from '../common';

export enum TargetStatus {
  Nominated = 'nominated',
  Accepted = 'accepted',
  Rejected = 'rejected',
  Located = 'located',
  Arrested = 'arrested',
  Deceased = 'deceased',
  Withdrawn = 'withdrawn',
  Extradited = 'extradited',
  Surrendered = 'surrendered',
  Released = 'released',
}

export const targetWorkflow = new StateMachine<TargetStatus>('Target', {
  [TargetStatus.Nominated]: [TargetStatus.Accepted, TargetStatus.Rejected],
  [TargetStatus.Accepted]: [TargetStatus.Located, TargetStatus.Arrested, TargetStatus.Deceased, TargetStatus.Withdrawn],
  // Back to accepted when the trace is lost.
  [TargetStatus.Located]: [TargetStatus.Arrested, TargetStatus.Accepted],
  [TargetStatus.Arrested]: [TargetStatus.Extradited, TargetStatus.Surrendered, TargetStatus.Released],
  [TargetStatus.Rejected]: [],
  [TargetStatus.Deceased]: [],
  [TargetStatus.Withdrawn]: [],
  [TargetStatus.Extradited]: [],
  [TargetStatus.Surrendered]: [],
  [TargetStatus.Released]: [],
});

/** Only coordinators decide what enters the target list. */
export const COORDINATOR_ONLY_STATUSES: readonly TargetStatus[] = [TargetStatus.Accepted, TargetStatus.Rejected];

/** Seen by every participant; the others only by coordinators and the nominating country. */
export const SHARED_STATUSES: readonly TargetStatus[] = Object.values(TargetStatus).filter(
  (status) => status !== TargetStatus.Nominated && status !== TargetStatus.Rejected,
);
