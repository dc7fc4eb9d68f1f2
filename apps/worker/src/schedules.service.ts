import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, JobName, QueueBackend, QueueName } from '@dragnet/platform';
import type { Queue } from 'bullmq';

/** Scheduled runs keep a short history: each one repeats the work of the last. */
const TEMPLATE_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { count: 100 },
  removeOnFail: { count: 1_000 },
};

/**
 * Registers the repeating jobs. upsertJobScheduler is idempotent by scheduler id, so every worker
 * registers at boot, and again whenever its Redis connection comes back (a Redis that lost its data
 * loses its schedulers too), without ever multiplying them. On Postgres they are kept with the data.
 */
@Injectable()
export class Schedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Schedules.name);
  private queue: Queue | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly backend: QueueBackend,
  ) {}

  onApplicationBootstrap(): void {
    // A waiting connection: boot does not fail while the store is down, and registration happens when it is up.
    this.queue = this.backend.queue(QueueName.Housekeeping, 'worker');
    this.queue.on('error', () => undefined);
    this.backend.whenConnected(this.queue, () => this.register());
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.queue) await this.backend.close(this.queue);
  }

  async register(): Promise<void> {
    const queue = this.queue!;
    const config = this.config;
    try {
      await queue.upsertJobScheduler(
        'reminder-sweep',
        { every: config.REMINDER_SWEEP_EVERY_MS },
        { name: JobName.ReminderSweep, data: {}, opts: TEMPLATE_OPTIONS },
      );
      await queue.upsertJobScheduler(
        'status-rollup',
        { every: config.ROLLUP_EVERY_MS },
        { name: JobName.StatusRollupSweep, data: {}, opts: TEMPLATE_OPTIONS },
      );
      await queue.upsertJobScheduler(
        'daily-digest',
        { pattern: `0 ${config.DIGEST_HOUR} * * *`, tz: config.DIGEST_TIMEZONE },
        { name: JobName.DailyDigestSweep, data: {}, opts: TEMPLATE_OPTIONS },
      );
    } catch (error) {
      // The store went away meanwhile; whenConnected calls again when it is back.
      this.logger.warn(`Job schedulers not registered: ${(error as Error).message}`);
    }
  }
}
