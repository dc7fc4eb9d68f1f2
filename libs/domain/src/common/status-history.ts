import { Column, PrimaryGeneratedColumn, type EntityManager, type EntityTarget } from 'typeorm';
import { insertPrepared } from '@dragnet/platform';
import type { Actor } from './actor';

/**
 * The shape every status history shares (leads, tasks, targets, notice requests): one row per move,
 * numbered in order, naming who made it. Each history adds its subject, its from/to statuses (typed by
 * its own workflow) and what it records besides; the transitions themselves are a StateMachine.
 */
export abstract class StatusChangeRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole: string;

  @Column({ name: 'actor_country', type: 'char', length: 2, nullable: true })
  actorCountry: string | null;
}

/** A move to record: everything of the row but its id, its time and who made it. */
export type StatusMove<T extends StatusChangeRow> = Omit<T, 'id' | 'actorId' | 'actorRole' | 'actorCountry'>;

/** Who made a move, as the history rows keep it. */
export const movedBy = (actor: Actor) => ({
  actorId: actor.userId,
  actorRole: actor.role,
  actorCountry: actor.country,
});

/**
 * Records one move in the caller's transaction. One INSERT without RETURNING: nothing of the row is
 * read back, and this runs on every status change.
 */
export async function recordChange<T extends StatusChangeRow>(
  manager: EntityManager,
  history: EntityTarget<T>,
  actor: Actor,
  move: Partial<StatusMove<T>>,
): Promise<void> {
  // The builder writes the statement once per shape (insertPrepared), not on every change.
  await insertPrepared(manager, history, { ...move, ...movedBy(actor) } as T, { returning: false });
}
