import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { QueueBackend } from '../backends/queue-backend';
import { shutdownStep } from '../background/shutdown-deadline';
import { JobName, JobPayloads, QUEUE_OF_JOB, QueueName } from './job-catalog';

/** Retries with backoff, and bounded history so the queue store does not grow without end. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 10_000 },
};

export interface JobPlacement {
  jobId?: string;
  delayMs?: number;
  /** While a job with this id was added less than `ttlMs` ago, adding another is a no-op (BullMQ throttle mode). */
  throttle?: { id: string; ttlMs: number };
}

export interface QueuedJob extends JobPlacement {
  name: JobName;
  data: unknown;
}

/** BullMQ refuses ':' in custom job ids (it separates its own keys). */
const safeJobId = (jobId: string) => jobId.replace(/:/g, '.');

/** The only place that puts jobs on BullMQ queues. */
@Injectable()
export class JobProducer implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly backend: QueueBackend) {}

  /** Whether the queue store answers right now (the producer fails fast rather than waiting for it). */
  get storeReady(): boolean {
    return this.backend.producerReady;
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.backend.queue(name, 'producer', { defaultJobOptions: DEFAULT_JOB_OPTIONS });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async add<N extends JobName>(name: N, data: JobPayloads[N], options: JobPlacement = {}) {
    await this.addMany([{ name, data, ...options }]);
  }

  /** Adds jobs grouped by queue; a job whose id is already queued is left as it is. */
  async addMany(jobs: QueuedJob[]): Promise<void> {
    const byQueue = new Map<QueueName, QueuedJob[]>();
    for (const job of jobs) {
      const queueName = QUEUE_OF_JOB[job.name];
      byQueue.set(queueName, [...(byQueue.get(queueName) ?? []), job]);
    }
    for (const [queueName, queued] of byQueue) {
      await this.queue(queueName).addBulk(
        queued.map((job) => ({
          name: job.name,
          data: job.data,
          opts: {
            ...(job.jobId ? { jobId: safeJobId(job.jobId) } : {}),
            ...(job.delayMs ? { delay: job.delayMs } : {}),
            ...(job.throttle ? { deduplication: { id: job.throttle.id, ttl: job.throttle.ttlMs } } : {}),
          },
        })),
      );
    }
  }

  /**
   * Last, once the workers' jobs, the outbox relay and the HTTP requests in flight are done: they
   * all add jobs. (Closed first, a PostgreSQL-backed queue answers an add with a promise that never
   * settles: a relay round hung on it and kept a SIGTERMed worker alive for good.)
   */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      [...this.queues.entries()].map(([name, queue]) =>
        shutdownStep(`producer queue ${name}`, () => this.backend.close(queue)),
      ),
    );
  }
}
