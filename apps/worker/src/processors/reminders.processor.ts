import { Injectable } from '@nestjs/common';
import { RemindersService } from '@dragnet/domain';
import { JobHandler, JobName, JobPayloads } from '@dragnet/platform';

/** Reminder sweeps and e-mails, and the daily digest. */
@Injectable()
export class RemindersProcessor {
  constructor(private readonly reminders: RemindersService) {}

  @JobHandler(JobName.ReminderSweep)
  async sweep(): Promise<{ recorded: number }> {
    return { recorded: await this.reminders.sweep() };
  }

  @JobHandler(JobName.ReminderEmail)
  async send(data: JobPayloads[JobName.ReminderEmail]): Promise<{ status: string }> {
    return { status: await this.reminders.send(data.key) };
  }

  @JobHandler(JobName.DailyDigestSweep)
  async digests(): Promise<{ recorded: number }> {
    return { recorded: await this.reminders.digestSweep() };
  }
}
