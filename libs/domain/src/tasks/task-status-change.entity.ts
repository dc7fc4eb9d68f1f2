import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { StatusChangeRow } from '../common';
import { TaskStatus } from './task-status';
import { Task } from './task.entity';

/** One move in a task's history: who, when, from, to, and why. */
@Entity({ name: 'task_status_changes' })
@Index('task_status_changes_task_idx', ['taskId', 'id'])
export class TaskStatusChange extends StatusChangeRow {
  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @ManyToOne(() => Task, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: Task;

  @Column({ name: 'from_status', type: 'enum', enum: TaskStatus, enumName: 'task_status', nullable: true })
  fromStatus: TaskStatus | null;

  @Column({ name: 'to_status', type: 'enum', enum: TaskStatus, enumName: 'task_status' })
  toStatus: TaskStatus;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
