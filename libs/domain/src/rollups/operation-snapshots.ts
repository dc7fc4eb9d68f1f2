import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OperationClosing } from '../operations';
import { computeOperationFigures } from './operation-figures';
import { OperationStatusSnapshot } from './operation-status-snapshot.entity';

/**
 * Computes an operation's figures in the caller's transaction and stores them as a snapshot. The
 * close stores its final one this way, in the transaction that closes the operation.
 */
export async function storeSnapshot(
  manager: EntityManager,
  operationId: string,
  now: Date,
  final = false,
): Promise<OperationStatusSnapshot> {
  const figures = await computeOperationFigures(manager, operationId, now);
  const snapshot = manager.create(OperationStatusSnapshot, { operationId, computedAt: now, final, figures });
  await manager.insert(OperationStatusSnapshot, snapshot);
  return snapshot;
}

/** The roll-up a closed operation was closed with, if it has one. */
export function finalSnapshotOf(manager: EntityManager, operationId: string): Promise<OperationStatusSnapshot | null> {
  return manager.findOneBy(OperationStatusSnapshot, { operationId, final: true });
}

/** The roll-up area's side of the close: the final snapshot, stored in the close's transaction. */
@Injectable()
export class FinalSnapshots extends OperationClosing {
  storeFinalFigures(manager: EntityManager, operationId: string, now: Date): Promise<OperationStatusSnapshot> {
    return storeSnapshot(manager, operationId, now, true);
  }
}
