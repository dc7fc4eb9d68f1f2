import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, PollingLoop } from '@dragnet/platform';
import { AuditSealer } from './audit-sealer.service';

/** Extends the audit chain every AUDIT_SEAL_INTERVAL_MS; run by the worker process. */
@Injectable()
export class AuditSealingLoop extends PollingLoop {
  constructor(
    private readonly sealer: AuditSealer,
    private readonly config: AppConfig,
  ) {
    super(new Logger(AuditSealingLoop.name), 'Audit sealing');
  }

  protected async round(): Promise<number> {
    await this.sealer.sealPending();
    return this.config.AUDIT_SEAL_INTERVAL_MS;
  }

  protected retryDelayMs(): number {
    return this.config.AUDIT_SEAL_INTERVAL_MS;
  }
}
