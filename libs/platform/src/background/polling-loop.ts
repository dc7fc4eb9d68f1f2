import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/**
 * Background work done in rounds from boot to shutdown: one round at a time, the next scheduled
 * when the last ends, so a slow round never overlaps the next. Shutdown waits for the round in
 * progress. A failing round is logged once, and so is the recovery, not every retry.
 */
export abstract class PollingLoop implements OnApplicationBootstrap, OnApplicationShutdown {
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

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
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
