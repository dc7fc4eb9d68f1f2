/** The audit area's front door: what other areas and the apps may use of it. */
export { AuditEntry } from './audit-entry.entity';
export { AuditQueryService } from './audit-query.service';
export { AuditSeal } from './audit-seal.entity';
export { AuditSealer } from './audit-sealer.service';
export { AuditModule, AuditSealingModule } from './audit.module';
export { AuditService } from './audit.service';
