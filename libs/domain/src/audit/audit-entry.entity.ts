import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One change (or sensitive read), written in the same transaction as the change itself. */
@Entity({ name: 'audit_entries' })
@Index('audit_entries_entity_idx', ['entityType', 'entityId'])
@Index('audit_entries_at_idx', ['at'])
@Index('audit_entries_actor_idx', ['actorId', 'at'])
@Index('audit_entries_txid_idx', ['txid', 'id'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole: string;

  @Column({ name: 'actor_country', type: 'char', length: 2, nullable: true })
  actorCountry: string | null;

  /** e.g. `operation.create`, `participant.delete`. */
  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after: unknown;

  @Column({ name: 'request_id', type: 'text' })
  requestId: string;

  /**
   * The writing transaction's id. The sealer chains only entries of transactions older than every
   * running one, so an entry that commits late is never skipped.
   */
  @Column({ type: 'bigint', default: () => 'txid_current()', insert: false, update: false })
  txid: string;
}
