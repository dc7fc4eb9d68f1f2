import { Injectable } from '@nestjs/common';
import { ParticipantNotifications } from '@dragnet/domain';
import { JobHandler, JobName, JobPayloads } from '@dragnet/platform';

@Injectable()
export class NotificationsProcessor {
  constructor(private readonly participants: ParticipantNotifications) {}

  @JobHandler(JobName.ParticipantJoinedEmail)
  participantJoined(data: JobPayloads[JobName.ParticipantJoinedEmail]): Promise<void> {
    return this.participants.sendJoinedEmail(data.participantId);
  }
}
