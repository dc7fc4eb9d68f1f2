import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ExportBuilder } from '@dragnet/domain';
import { AppConfig, JobHandler, JobName, JobPayloads, JobProducer, QueueName } from '@dragnet/platform';
import type { Job } from 'bullmq';

/** The one scheduler id: upserting it at every boot of every worker keeps exactly one schedule. */
const EXPIRY_SCHEDULER_ID = 'expire-exports';

@Injectable()
export class ExportsProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(ExportsProcessor.name);

  constructor(
    private readonly builder: ExportBuilder,
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.producer.queue(QueueName.Exports).upsertJobScheduler(
      EXPIRY_SCHEDULER_ID,
      { every: this.config.EXPORT_SWEEP_INTERVAL_MS },
      {
        name: JobName.ExpireExports,
        data: {},
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 } },
      },
    );
  }

  @JobHandler(JobName.BuildExport)
  build(data: JobPayloads[JobName.BuildExport], job: Job): Promise<void> {
    // On the last attempt a failure is recorded on the export, so its requester is told.
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.builder.build(data.exportId, lastAttempt);
  }

  @JobHandler(JobName.ExpireExports)
  async expire(): Promise<void> {
    const expired = await this.builder.expire();
    if (expired > 0) this.logger.log(`Expired ${expired} exports`);
  }
}
