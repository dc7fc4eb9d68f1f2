import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, createRedisConnection, JobName, QUEUE_OF_JOB, QueueName } from '@dragnet/platform';
import { JobsOptions, Queue, RepeatOptions } from 'bullmq';
import type { Redis } from 'ioredis';

/** Scheduled runs keep a short history: each one repeats the work of the last. */
const TEMPLATE_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { count: 100 },
  removeOnFail: { count: 1_000 },
};

interface Schedule {
  /** The scheduler id: upserting it again never adds a second schedule. */
  id: string;
  job: JobName;
  repeat: Omit<RepeatOptions, 'key'>;
  options?: JobsOptions;
}

/** Every repeating job Dragnet runs; each goes on its job's queue (job-catalog.ts). */
function schedules(config: AppConfig): Schedule[] {
  return [
    { id: 'reminder-sweep', job: JobName.ReminderSweep, repeat: { every: config.REMINDER_SWEEP_EVERY_MS } },
    { id: 'status-rollup', job: JobName.StatusRollupSweep, repeat: { every: config.ROLLUP_EVERY_MS } },
    {
      id: 'daily-digest',
      job: JobName.DailyDigestSweep,
      repeat: { pattern: `0 ${config.DIGEST_HOUR} * * *`, tz: config.DIGEST_TIMEZONE },
    },
    {
      id: 'expire-exports',
      job: JobName.ExpireExports,
      repeat: { every: config.EXPORT_SWEEP_INTERVAL_MS },
      options: { backoff: { type: 'exponential', delay: 5_000 } },
    },
  ];
}

/**
 * Registers the repeating jobs, all of them here. upsertJobScheduler is idempotent by scheduler id,
 * so every worker registers at boot, and again whenever its Redis connection comes back (a Redis that
 * lost its data loses its schedulers too), without ever multiplying them.
 */
@Injectable()
export class Schedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Schedules.name);
  private connection: Redis | undefined;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {}

  onApplicationBootstrap(): void {
    // A waiting connection: boot does not fail while Redis is down, and registration happens when it is up.
    this.connection = createRedisConnection(this.config.REDIS_URL, 'worker');
    this.connection.on('ready', () => void this.register());
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
    this.connection?.disconnect();
  }

  async register(): Promise<void> {
    try {
      for (const schedule of schedules(this.config)) {
        await this.queue(QUEUE_OF_JOB[schedule.job]).upsertJobScheduler(schedule.id, schedule.repeat, {
          name: schedule.job,
          data: {},
          opts: { ...TEMPLATE_OPTIONS, ...schedule.options },
        });
      }
    } catch (error) {
      // Redis went away meanwhile; 'ready' fires again when it is back.
      this.logger.warn(`Job schedulers not registered: ${(error as Error).message}`);
    }
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection!, prefix: this.config.QUEUE_PREFIX });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }
}
