import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ExportBuilder } from '@dragnet/domain';
import { AppConfig, JobHandler, JobName, JobPayloads, JobProducer, QueueName } from '@dragnet/platform';
import type { Job } from 'bullmq';

/** The one scheduler id: upserting it at every boot of every worker keeps exactly one schedule. */
const EXPIRY_SCHEDULER_ID = 'expire-exports';
const REGISTER_RETRY_MS = 10_000;

@Injectable()
export class ExportsProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExportsProcessor.name);

  constructor(
    private readonly builder: ExportBuilder,
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
  ) {}

  private retry: NodeJS.Timeout | undefined;

  /** Redis down at boot must not stop the worker: the schedule is registered once Redis answers. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.producer.queue(QueueName.Exports).upsertJobScheduler(
        EXPIRY_SCHEDULER_ID,
        { every: this.config.EXPORT_SWEEP_INTERVAL_MS },
        {
          name: JobName.ExpireExports,
          data: {},
          opts: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 } },
        },
      );
    } catch (error) {
      this.logger.warn(`Could not schedule the export expiry sweep yet: ${(error as Error).message}`);
      this.retry = setTimeout(() => void this.onApplicationBootstrap(), REGISTER_RETRY_MS);
      this.retry.unref();
    }
  }

  onApplicationShutdown(): void {
    clearTimeout(this.retry);
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
