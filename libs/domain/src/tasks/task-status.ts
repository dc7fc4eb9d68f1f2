import { StateMachine } from '../common';

export enum TaskStatus {
  Open = 'open',
  Acknowledged = 'acknowledged',
  InProgress = 'in_progress',
  Done = 'done',
  Cancelled = 'cancelled',
}

const S = TaskStatus;

export const taskWorkflow = new StateMachine<TaskStatus>('Task', {
  [S.Open]: [S.Acknowledged, S.Cancelled],
  [S.Acknowledged]: [S.InProgress, S.Cancelled],
  [S.InProgress]: [S.Done, S.Cancelled],
  [S.Done]: [],
  [S.Cancelled]: [],
});

/** The assigned country works its task through; cancelling is the coordinators' (who may make any move). */
export const ASSIGNED_COUNTRY_MOVES: readonly TaskStatus[] = [S.Acknowledged, S.InProgress, S.Done];

/** Still being worked: counted as open, and reminded of. */
export const OPEN_TASK_STATUSES: readonly TaskStatus[] = [S.Open, S.Acknowledged, S.InProgress];

/** Finished: such a task is never overdue. */
export const FINISHED_TASK_STATUSES: readonly TaskStatus[] = [S.Done, S.Cancelled];

/** Past its due date and not finished. */
export const isOverdue = (task: { status: TaskStatus; dueAt: Date | null }, now = new Date()): boolean =>
  task.dueAt !== null && task.dueAt.getTime() < now.getTime() && !FINISHED_TASK_STATUSES.includes(task.status);
