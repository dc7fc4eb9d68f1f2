import { ConflictError } from '@dragnet/platform';
import { StateMachine } from '../common/state-machine';

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

/** Leads and tasks are taken in active and follow-up. */
export const takesLeadsAndTasks = (status: OperationStatus) =>
  status === OperationStatus.Active || status === OperationStatus.FollowUp;

/** A closed operation is read-only: every change to it or to what it holds answers 409. */
export function assertOperationOpen(status: OperationStatus): void {
  if (status === OperationStatus.Closed) throw new ConflictError('The operation is closed and read-only');
}
