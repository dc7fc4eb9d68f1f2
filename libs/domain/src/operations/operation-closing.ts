import type { EntityManager } from 'typeorm';

/** The figures an operation was closed with, as the audit entry of the close keeps them. */
export interface FinalFigures {
  id: string;
  computedAt: Date;
  figures: unknown;
}

/**
 * The close freezes the operation's figures in its own transaction, under the operation's lock. The
 * figures belong to the roll-up area, which provides this port (Nest DI), so operations never
 * imports what is built on top of it.
 */
export abstract class OperationClosing {
  abstract storeFinalFigures(manager: EntityManager, operationId: string, now: Date): Promise<FinalFigures>;
}
