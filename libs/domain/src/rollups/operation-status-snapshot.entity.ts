import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Operation } from '../operations';
import type { OperationFigures } from './operation-figures';

/** One roll-up of an operation's figures at a moment; the rows of one operation make its trend. */
@Entity({ name: 'operation_status_snapshots' })
@Index('operation_status_snapshots_latest_idx', ['operationId', 'computedAt'])
// The close's roll-up: one per operation, and the answer for a closed operation whatever came before.
@Index('operation_status_snapshots_final_idx', ['operationId'], { unique: true, where: 'final' })
export class OperationStatusSnapshot {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'operation_id', type: 'uuid' })
  operationId: string;

  @ManyToOne(() => Operation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'operation_id' })
  operation?: Operation;

  @Column({ name: 'computed_at', type: 'timestamptz' })
  computedAt: Date;

  /** Computed by the close, in its transaction: the operation's final figures. */
  @Column({ type: 'boolean', default: false })
  final: boolean;

  @Column({ type: 'jsonb' })
  figures: OperationFigures;
}
