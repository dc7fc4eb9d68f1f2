import { DomainError, InvalidInputError } from '@dragnet/platform';
import type { Priority } from '../targets';
import { isOverdue } from './task-status';
import type { Task } from './task.entity';
import type { TaskType } from './task-vocabulary';

/** What a coordinator writes on a task. */
export interface TaskFields {
  type: TaskType;
  title: string;
  details?: string;
  priority?: Priority;
  dueAt?: Date | null;
}

export interface NewTask extends TaskFields {
  assignedCountry: string;
  targetId?: string | null;
  leadId?: string | null;
}

/** Routing a lead: every field has a default (a verify_lead task to the lead's country). */
export type LeadTaskFields = Partial<TaskFields>;

/** A task as clients see it. */
export type TaskView = Task & {
  /** Past its due date and neither done nor cancelled. */
  overdue: boolean;
};

export const toTaskView = (task: Task, now = new Date()): TaskView =>
  Object.assign(task, { overdue: isOverdue(task, now) });

export const unprocessableTaskField = (field: string, message: string): DomainError =>
  new DomainError('unprocessable', `Invalid field: ${field}`, [{ field, message }]);

/** Trims the text fields; a blank title answers 400. */
export function normaliseTaskFields<T extends Partial<TaskFields>>(fields: T): T {
  const title = fields.title?.trim();
  if (fields.title !== undefined && !title) {
    throw new InvalidInputError('Invalid field: title', [{ field: 'title', message: 'title must not be blank' }]);
  }
  return { ...fields, title, details: fields.details?.trim() };
}
