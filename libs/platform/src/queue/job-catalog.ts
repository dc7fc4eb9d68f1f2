/**
 * The one list of every queue and job Dragnet runs. Producers and processors share these types,
 * so a payload that does not fit its job fails to compile.
 */
export enum QueueName {
  Notifications = 'notifications',
}

export enum JobName {
  ParticipantJoinedEmail = 'participant-joined-email',
}

export interface JobPayloads {
  [JobName.ParticipantJoinedEmail]: { participantId: string };
}

export const QUEUE_OF_JOB: Record<JobName, QueueName> = {
  [JobName.ParticipantJoinedEmail]: QueueName.Notifications,
};

export type JobOf<N extends JobName> = { name: N; data: JobPayloads[N] };
export type AnyJob = { [N in JobName]: JobOf<N> }[JobName];
