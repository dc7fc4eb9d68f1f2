import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, JobName, QUEUE_OF_JOB, QueueBackend, QueueName, shutdownStep } from '@dragnet/platform';
import type { JobsOptions, Queue, RepeatOptions } from 'bullmq';

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
 * lost its data loses its schedulers too), without ever multiplying them. On Postgres they are kept
 * with the data.
 */
@Injectable()
export class Schedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Schedules.name);
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly config: AppConfig,
    private readonly backend: QueueBackend,
  ) {}

  onApplicationBootstrap(): void {
    // Waiting connections: boot does not fail while the store is down, and registration happens when it is up.
    this.backend.whenConnected(this.queue(QueueName.Housekeeping), () => this.register());
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      [...this.queues.entries()].map(([name, queue]) =>
        shutdownStep(`scheduler queue ${name}`, () => this.backend.close(queue)),
      ),
    );
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
      // The store went away meanwhile; whenConnected calls again when it is back.
      this.logger.warn(`Job schedulers not registered: ${(error as Error).message}`);
    }
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.backend.queue(name, 'worker');
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }
}
