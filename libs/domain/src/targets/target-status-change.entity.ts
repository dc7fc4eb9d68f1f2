import { Column, Entity, Index } from 'typeorm';
import { StatusChangeRow } from '../common';
import { TargetStatus } from './target-status';

/** One move in a target's status history: who, when, where and why. */
@Entity({ name: 'target_status_changes' })
@Index('target_status_changes_target_idx', ['targetId', 'id'])
export class TargetStatusChange extends StatusChangeRow {
  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  @Column({ name: 'from_status', type: 'enum', enum: TargetStatus, enumName: 'target_status', nullable: true })
  fromStatus: TargetStatus | null;

  @Column({ name: 'to_status', type: 'enum', enum: TargetStatus, enumName: 'target_status' })
  toStatus: TargetStatus;

  /** Where it happened (e.g. the country of arrest). */
  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  /** When it happened, as reported. */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
