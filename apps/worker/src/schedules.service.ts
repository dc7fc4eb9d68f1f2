import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, createRedisConnection, JobName, QueueName } from '@dragnet/platform';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

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
 * loses its schedulers too), without ever multiplying them.
 */
@Injectable()
export class Schedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Schedules.name);
  private connection: Redis | undefined;
  private queue: Queue | undefined;

  constructor(private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    // A waiting connection: boot does not fail while Redis is down, and registration happens when it is up.
    this.connection = createRedisConnection(this.config.REDIS_URL, 'worker');
    this.queue = new Queue(QueueName.Housekeeping, { connection: this.connection, prefix: this.config.queuePrefix });
    this.queue.on('error', () => undefined);
    this.connection.on('ready', () => void this.register());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue?.close().catch(() => undefined);
    this.connection?.disconnect();
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
      // Redis went away meanwhile; 'ready' fires again when it is back.
      this.logger.warn(`Job schedulers not registered: ${(error as Error).message}`);
    }
  }
}
