import { ConflictError, DomainError } from '@dragnet/platform';
import type { EntityManager } from 'typeorm';
import { assertOperationOpen, takesLeadsAndTasks } from '../operations/operation-status';
import { Operation } from '../operations/operation.entity';
import { Participant } from '../operations/participant.entity';

/**
 * The operation, share-locked so it cannot close while a lead or task is written into it. New leads
 * and tasks are taken in active and follow-up only (`forNewWork`); other changes until it closes.
 */
export async function loadOperationForWork(
  manager: EntityManager,
  operationId: string,
  forNewWork: boolean,
): Promise<Operation> {
  const operation = await manager.findOneOrFail(Operation, {
    where: { id: operationId },
    lock: { mode: 'pessimistic_read' },
  });
  assertOperationOpen(operation.status);
  if (forNewWork && !takesLeadsAndTasks(operation.status)) {
    throw new ConflictError(
      `The operation takes leads and tasks while active or in follow-up; it is ${operation.status}`,
    );
  }
  return operation;
}

/** 422 naming `field` unless the country takes part in the operation. */
export async function assertParticipant(
  manager: EntityManager,
  operationId: string,
  country: string,
  field: string,
): Promise<void> {
  if (await manager.existsBy(Participant, { operationId, country })) return;
  throw new DomainError('unprocessable', `${country} does not take part in this operation`, [
    { field, message: `${field} must be a participating country` },
  ]);
}
