/**
 * The one list of every queue and job Dragnet runs. Producers and processors share these types,
 * so a payload that does not fit its job fails to compile.
 */
export enum QueueName {
  Notifications = 'notifications',
  Exports = 'exports',
}

export enum JobName {
  ParticipantJoinedEmail = 'participant-joined-email',
  LeadReportedEmail = 'lead-reported-email',
  TaskAssignedEmail = 'task-assigned-email',
  TaskBatchAssignedEmail = 'task-batch-assigned-email',
  BuildExport = 'build-export',
  ExpireExports = 'expire-exports',
}

export interface JobPayloads {
  [JobName.ParticipantJoinedEmail]: { participantId: string };
  [JobName.LeadReportedEmail]: { leadId: string };
  [JobName.TaskAssignedEmail]: { taskId: string };
  /** One e-mail per country for the tasks a bulk request gave it. */
  [JobName.TaskBatchAssignedEmail]: { batchId: string; country: string; count: number };
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
  [JobName.BuildExport]: QueueName.Exports,
  [JobName.ExpireExports]: QueueName.Exports,
};

export type JobOf<N extends JobName> = { name: N; data: JobPayloads[N] };
export type AnyJob = { [N in JobName]: JobOf<N> }[JobName];
