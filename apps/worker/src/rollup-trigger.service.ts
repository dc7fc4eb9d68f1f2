import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, JobName, JobProducer, LiveEventBus } from '@dragnet/platform';
import type { Subscription } from 'rxjs';

/**
 * Recomputes an operation's roll-up shortly after it changes. Every change to leads, tasks and
 * targets is already published on the live event bus; the first event of a burst queues one roll-up
 * delayed by ROLLUP_DEBOUNCE_MS, and BullMQ's deduplication (throttle mode, keyed per operation)
 * drops the rest of the burst, from every worker. An event lost while Redis is down is caught up by
 * the scheduled roll-up.
 */
@Injectable()
export class RollupTrigger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RollupTrigger.name);
  private subscription: Subscription | undefined;

  constructor(
    private readonly bus: LiveEventBus,
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.bus.all().subscribe((event) => void this.schedule(event.operationId));
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  async schedule(operationId: string): Promise<void> {
    const delay = this.config.ROLLUP_DEBOUNCE_MS;
    try {
      await this.producer.add(
        JobName.OperationStatusRollup,
        { operationId },
        { delayMs: delay, throttle: { id: `rollup.${operationId}`, ttlMs: delay } },
      );
    } catch (error) {
      this.logger.warn(`Roll-up of ${operationId} not queued: ${(error as Error).message}`);
    }
  }
}
