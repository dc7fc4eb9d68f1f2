import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@dragnet/platform';
import { AuditSealer } from './audit-sealer.service';

/** Extends the audit chain every AUDIT_SEAL_INTERVAL_MS; run by the worker process. */
@Injectable()
export class AuditSealingLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditSealingLoop.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly sealer: AuditSealer,
    private readonly config: AppConfig,
  ) {}

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
    try {
      await this.sealer.sealPending();
      if (this.failing) this.logger.log('Audit sealing resumed');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(`Audit sealing paused: ${(error as Error).message}`);
      this.failing = true;
    }
    this.schedule(this.config.AUDIT_SEAL_INTERVAL_MS);
  }
}
