import { Injectable } from '@nestjs/common';
import { ParticipantNotifications } from '@dragnet/domain';
import { JobHandler, JobName, JobPayloads } from '@dragnet/platform';

/** E-mails about operations: a country joining one. */
@Injectable()
export class OperationsProcessor {
  constructor(private readonly participants: ParticipantNotifications) {}

  @JobHandler(JobName.ParticipantJoinedEmail)
  participantJoined(data: JobPayloads[JobName.ParticipantJoinedEmail]): Promise<void> {
    return this.participants.sendJoinedEmail(data.participantId);
  }
}
