import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { shutdownStep } from './shutdown-deadline';

/**
 * Background work done in rounds from boot to shutdown: one round at a time, the next scheduled
 * when the last ends, so a slow round never overlaps the next. Shutdown waits for the round in
 * progress. A failing round is logged once, and so is the recovery, not every retry.
 *
 * The loop stops before the application's shutdown proper (beforeApplicationShutdown): a round
 * must never start once the queues and connections it uses are closing (on the PostgreSQL queue
 * backend a job added to a closed queue never settles, and the round with it).
 */
export abstract class PollingLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private failing = false;

  protected constructor(
    private readonly logger: Logger,
    /** Names the work in its log lines, e.g. "Outbox relay". */
    private readonly work: string,
  ) {}

  /** One round; resolves with how long to wait before the next. */
  protected abstract round(): Promise<number>;

  /** How long to wait after a failed round. */
  protected abstract retryDelayMs(): number;

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await shutdownStep(`${this.work}: its last round`, async () => this.running);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => (this.running = undefined));
    }, delayMs);
  }

  private async tick(): Promise<void> {
    let delayMs: number;
    try {
      delayMs = await this.round();
      if (this.failing) this.logger.log(`${this.work} resumed`);
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`${this.work} paused: ${(error as Error).message}`);
      this.failing = true;
      delayMs = this.retryDelayMs();
    }
    this.schedule(delayMs);
  }
}
