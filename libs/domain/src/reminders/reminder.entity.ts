import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Operation } from '../operations';

export enum ReminderKind {
  /** A task still open 24 hours after it was assigned: to the country. */
  Unacknowledged = 'unacknowledged',
  /** A task due within 24 hours: to the country. */
  DueSoon = 'due-soon',
  /** A task past its due date: to the country. */
  Overdue = 'overdue',
  /** A task overdue for a further 24 hours: to the coordinators. */
  Escalation = 'escalation',
  /** A published notice whose retention review is due: to the requesting country. */
  RetentionReview = 'retention-review',
  /** The coordinators' daily digest of an operation. */
  DailyDigest = 'daily-digest',
}

export enum ReminderStatus {
  /** Recorded, not yet sent. */
  Pending = 'pending',
  Sent = 'sent',
  /** SMTP refused it for good (5xx); shown to coordinators. */
  Failed = 'failed',
  /** Its condition no longer held when it was due to go (task acknowledged or finished meanwhile). */
  Skipped = 'skipped',
}

/**
 * One reminder, escalation or digest per event, recorded under a unique key before anything is sent
 * (`task.<id>.overdue`, `notice.<id>.retention-review`, `operation.<id>.digest.<date>`), so however
 * many sweeps and workers run, an event is recorded and sent once.
 */
@Entity({ name: 'reminders' })
@Index('reminders_operation_status_idx', ['operationId', 'status', 'createdAt'])
@Index('reminders_pending_idx', ['queuedAt'], { where: "status = 'pending'" })
export class Reminder {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  kind: ReminderKind;

  @Column({ type: 'text', default: ReminderStatus.Pending })
  status: ReminderStatus;

  @Column({ name: 'operation_id', type: 'uuid' })
  operationId: string;

  @ManyToOne(() => Operation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'operation_id' })
  operation?: Operation;

  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId: string | null;

  @Column({ name: 'notice_request_id', type: 'uuid', nullable: true })
  noticeRequestId: string | null;

  /** The country reminded (null for what goes to the coordinators). */
  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  /** Filled when it is sent or fails. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  recipients: string[];

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When its send job was last queued; a reminder pending long after this is queued again. */
  @Column({ name: 'queued_at', type: 'timestamptz', default: () => 'now()' })
  queuedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
