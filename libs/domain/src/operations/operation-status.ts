import { ConflictError } from '@dragnet/platform';
import { StateMachine } from '../common';

export enum OperationStatus {
  Planning = 'planning',
  Nomination = 'nomination',
  Active = 'active',
  FollowUp = 'follow_up',
  Closed = 'closed',
}

export const operationWorkflow = new StateMachine<OperationStatus>('Operation', {
  [OperationStatus.Planning]: [OperationStatus.Nomination],
  [OperationStatus.Nomination]: [OperationStatus.Active],
  [OperationStatus.Active]: [OperationStatus.FollowUp],
  [OperationStatus.FollowUp]: [OperationStatus.Closed],
  [OperationStatus.Closed]: [],
});

/** Nominations are taken in planning and nomination. */
export const takesNominations = (status: OperationStatus) =>
  status === OperationStatus.Planning || status === OperationStatus.Nomination;

/** Leads and tasks are taken (and tasks reminded of) in active and follow-up. */
export const LEADS_AND_TASKS_STATUSES: readonly OperationStatus[] = [OperationStatus.Active, OperationStatus.FollowUp];
export const takesLeadsAndTasks = (status: OperationStatus) => LEADS_AND_TASKS_STATUSES.includes(status);

/** A closed operation is read-only: every change to it or to what it holds answers 409. */
export function assertOperationOpen(status: OperationStatus): void {
  if (status === OperationStatus.Closed) throw new ConflictError('The operation is closed and read-only');
}
