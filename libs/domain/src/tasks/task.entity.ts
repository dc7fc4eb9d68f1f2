import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Lead } from '../leads';
import { Operation } from '../operations';
import { Priority, Target } from '../targets';
import { TaskStatus } from './task-status';
import { TaskType } from './task-vocabulary';

/** Work the coordinators give one participating country, optionally about a target or a lead. */
@Entity({ name: 'tasks' })
@Index('tasks_operation_country_status_idx', ['operationId', 'assignedCountry', 'status'])
@Index('tasks_operation_due_idx', ['operationId', 'dueAt'])
@Index('tasks_target_idx', ['targetId'])
@Index('tasks_lead_idx', ['leadId'])
@Index('tasks_batch_idx', ['batchId'])
// Covers the status roll-up's grouping, so it reads the index alone.
@Index('tasks_rollup_idx', ['operationId', 'assignedCountry', 'status', 'dueAt'])
export class Task {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'operation_id', type: 'uuid' })
  operationId: string;

  @ManyToOne(() => Operation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'operation_id' })
  operation?: Operation;

  @Column({ name: 'assigned_country', type: 'char', length: 2 })
  assignedCountry: string;

  @Column({ name: 'target_id', type: 'uuid', nullable: true })
  targetId: string | null;

  @ManyToOne(() => Target, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id' })
  target?: Target;

  @Column({ name: 'lead_id', type: 'uuid', nullable: true })
  leadId: string | null;

  @ManyToOne(() => Lead, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Lead;

  @Column({ type: 'enum', enum: TaskType, enumName: 'task_type' })
  type: TaskType;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  details: string;

  @Column({ type: 'enum', enum: Priority, enumName: 'task_priority', default: Priority.Medium })
  priority: Priority;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'enum', enum: TaskStatus, enumName: 'task_status', default: TaskStatus.Open })
  status: TaskStatus;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  /** Set on the tasks made together by one bulk request. */
  @Column({ name: 'batch_id', type: 'uuid', nullable: true })
  batchId: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  /** When it was done or cancelled. */
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
