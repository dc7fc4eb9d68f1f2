/**
 * The one list of every queue and job Dragnet runs. Producers and processors share these types,
 * so a payload that does not fit its job fails to compile.
 */
export enum QueueName {
  Notifications = 'notifications',
  /** Scheduled sweeps and roll-ups. */
  Housekeeping = 'housekeeping',
  /** Reminder and digest e-mails, sent at a limited rate. */
  Reminders = 'reminders',
  Exports = 'exports',
}

export enum JobName {
  ParticipantJoinedEmail = 'participant-joined-email',
  LeadReportedEmail = 'lead-reported-email',
  TaskAssignedEmail = 'task-assigned-email',
  TaskBatchAssignedEmail = 'task-batch-assigned-email',
  ReminderSweep = 'reminder-sweep',
  StatusRollupSweep = 'status-rollup-sweep',
  OperationStatusRollup = 'operation-status-rollup',
  DailyDigestSweep = 'daily-digest-sweep',
  ReminderEmail = 'reminder-email',
  BuildExport = 'build-export',
  ExpireExports = 'expire-exports',
}

export interface JobPayloads {
  [JobName.ParticipantJoinedEmail]: { participantId: string };
  [JobName.LeadReportedEmail]: { leadId: string };
  [JobName.TaskAssignedEmail]: { taskId: string };
  /** One e-mail per country for the tasks a bulk request gave it. */
  [JobName.TaskBatchAssignedEmail]: { batchId: string; country: string; count: number };
  /** Records the reminders that fell due and queues one e-mail each. */
  [JobName.ReminderSweep]: Record<string, never>;
  /** Queues a roll-up of every operation that is not closed. */
  [JobName.StatusRollupSweep]: Record<string, never>;
  [JobName.OperationStatusRollup]: { operationId: string };
  /** Records today's digest of every operation that is not closed. */
  [JobName.DailyDigestSweep]: Record<string, never>;
  /** Sends one recorded reminder or digest (a row of `reminders`) unless it was sent or no longer applies. */
  [JobName.ReminderEmail]: { key: string };
  /** Writes an export's file, then e-mails the requester. */
  [JobName.BuildExport]: { exportId: string };
  /** Repeating (job scheduler): marks expired exports and removes their files. */
  [JobName.ExpireExports]: Record<string, never>;
}

export const QUEUE_OF_JOB: Record<JobName, QueueName> = {
  [JobName.ParticipantJoinedEmail]: QueueName.Notifications,
  [JobName.LeadReportedEmail]: QueueName.Notifications,
  [JobName.TaskAssignedEmail]: QueueName.Notifications,
  [JobName.TaskBatchAssignedEmail]: QueueName.Notifications,
  [JobName.ReminderSweep]: QueueName.Housekeeping,
  [JobName.StatusRollupSweep]: QueueName.Housekeeping,
  [JobName.OperationStatusRollup]: QueueName.Housekeeping,
  [JobName.DailyDigestSweep]: QueueName.Housekeeping,
  [JobName.ReminderEmail]: QueueName.Reminders,
  [JobName.BuildExport]: QueueName.Exports,
  [JobName.ExpireExports]: QueueName.Exports,
};

export type JobOf<N extends JobName> = { name: N; data: JobPayloads[N] };
export type AnyJob = { [N in JobName]: JobOf<N> }[JobName];
