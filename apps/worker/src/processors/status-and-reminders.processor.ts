import { Injectable } from '@nestjs/common';
import { RollupsService, RemindersService } from '@dragnet/domain';
import { JobHandler, JobName, JobProducer, JobPayloads } from '@dragnet/platform';

/** Reminder sweeps and e-mails, status roll-ups and the daily digest. */
@Injectable()
export class StatusAndRemindersProcessor {
  constructor(
    private readonly reminders: RemindersService,
    private readonly status: RollupsService,
    private readonly producer: JobProducer,
  ) {}

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

  @JobHandler(JobName.StatusRollupSweep)
  async rollUpAll(): Promise<{ operations: number }> {
    const ids = await this.status.openOperationIds();
    // One job per operation, so a large operation does not hold up the others and failures retry alone.
    await this.producer.addMany(
      ids.map((operationId) => ({ name: JobName.OperationStatusRollup, data: { operationId } })),
    );
    return { operations: ids.length };
  }

  @JobHandler(JobName.OperationStatusRollup)
  async rollUp(data: JobPayloads[JobName.OperationStatusRollup]): Promise<{ computedAt: Date }> {
    const snapshot = await this.status.snapshot(data.operationId);
    return { computedAt: snapshot.computedAt };
  }
}
