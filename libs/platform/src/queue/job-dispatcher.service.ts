import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Job, UnrecoverableError, type Worker } from 'bullmq';
import { QueueBackend } from '../backends/queue-backend';
import { shutdownStep } from '../background/shutdown-deadline';
import { AppConfig } from '../config/app-config';
import { JobName, QUEUE_OF_JOB, QueueName } from './job-catalog';
import { JOB_HANDLER_METADATA } from './job-handler.decorator';

type Handler = (data: unknown, job: Job) => Promise<unknown>;

/**
 * Finds every @JobHandler, refuses to boot unless each job of the catalog has exactly one, and runs
 * one BullMQ worker per queue. Errors propagate to BullMQ so its retries and backoff apply.
 */
@Injectable()
export class JobDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobDispatcher.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    private readonly backend: QueueBackend,
  ) {}

  onApplicationBootstrap(): void {
    const handlers = this.discoverHandlers();
    for (const queueName of Object.values(QueueName)) {
      const worker = this.backend.worker(queueName, (job) => this.run(handlers, job), {
        concurrency: 10,
        // A worker killed mid-job holds its lock until it lapses; then another worker runs the job again.
        lockDuration: this.config.WORKER_LOCK_DURATION_MS,
        stalledInterval: this.config.WORKER_STALLED_INTERVAL_MS,
        // BullMQ's limiter counts across every worker of the queue, so the rate holds for any replica count.
        ...(queueName === QueueName.Reminders
          ? { limiter: { max: this.config.MAIL_RATE_MAX, duration: this.config.MAIL_RATE_WINDOW_MS } }
          : {}),
      });
      worker.on('failed', (job, error) =>
        this.logger.warn(`Job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`),
      );
      worker.on('error', (error) => this.logger.warn(`Queue ${queueName}: ${error.message}`));
      this.workers.push(worker);
    }
  }

  /**
   * Lets running jobs finish before anything else shuts down (the database connections close in
   * onApplicationShutdown, and the jobs still need them); a job of a process that dies instead
   * returns to the queue as stalled once its lock lapses.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.workers.map((worker) =>
        shutdownStep(`BullMQ worker ${worker.name}: its running jobs, then its connections`, () =>
          this.backend.close(worker),
        ),
      ),
    );
  }

  private async run(handlers: Map<JobName, Handler>, job: Job): Promise<unknown> {
    const handler = handlers.get(job.name as JobName);
    if (!handler) throw new UnrecoverableError(`No handler for job ${job.name}`);
    return handler(job.data, job);
  }

  private discoverHandlers(): Map<JobName, Handler> {
    const found = new Map<JobName, Handler[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method] as Handler;
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER_METADATA, fn);
        if (name) found.set(name, [...(found.get(name) ?? []), fn.bind(instance) as Handler]);
      }
    }
    const problems: string[] = [];
    for (const name of Object.keys(QUEUE_OF_JOB) as JobName[]) {
      const count = found.get(name)?.length ?? 0;
      if (count !== 1) problems.push(`${name} has ${count} handlers`);
    }
    if (problems.length > 0) throw new Error(`Job catalog and handlers disagree: ${problems.join('; ')}`);
    return new Map([...found].map(([name, list]) => [name, list[0]]));
  }
}
