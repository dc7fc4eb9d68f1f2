import { ConflictError, DomainError, queryRows } from '@dragnet/platform';
import type { EntityManager } from 'typeorm';
import { assertOperationOpen, OperationStatus, takesLeadsAndTasks } from './operation-status';

/** A country that must take part in the operation, and the request field that named it. */
export interface RequiredParticipant {
  country: string;
  field: string;
}

/**
 * Share-locks the operation so it cannot close while a lead or task is written into it. New leads
 * and tasks are taken in active and follow-up only (`forNewWork`); other changes until it closes.
 * With `participant`, also 422 naming its field unless that country takes part (same query).
 */
export async function loadOperationForWork(
  manager: EntityManager,
  operationId: string,
  forNewWork: boolean,
  participant?: RequiredParticipant,
): Promise<void> {
  const [operation] = await queryRows<{ status: OperationStatus; participates: boolean }>(
    manager,
    `SELECT o.status,
            EXISTS (SELECT 1 FROM participants p WHERE p.operation_id = o.id AND p.country = $2) AS participates
       FROM operations o WHERE o.id = $1 FOR SHARE OF o`,
    [operationId, participant?.country ?? null],
  );
  if (!operation) throw new ConflictError('The operation no longer exists');
  assertOperationOpen(operation.status);
  if (forNewWork && !takesLeadsAndTasks(operation.status)) {
    throw new ConflictError(
      `The operation takes leads and tasks while active or in follow-up; it is ${operation.status}`,
    );
  }
  if (participant && !operation.participates) {
    throw new DomainError('unprocessable', `${participant.country} does not take part in this operation`, [
      { field: participant.field, message: `${participant.field} must be a participating country` },
    ]);
  }
}
