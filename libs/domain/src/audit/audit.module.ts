import { Module } from '@nestjs/common';
import { AuditQueryService } from './audit-query.service';
import { AuditSealer } from './audit-sealer.service';
import { AuditSealingLoop } from './audit-sealing.loop';
import { AuditService } from './audit.service';

@Module({
  providers: [AuditService, AuditSealer, AuditQueryService],
  exports: [AuditService, AuditSealer, AuditQueryService],
})
export class AuditModule {}

/** Only the worker extends the chain in the background; the API seals on demand before verifying. */
@Module({ imports: [AuditModule], providers: [AuditSealingLoop] })
export class AuditSealingModule {}
