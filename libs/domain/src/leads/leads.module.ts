import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { IdempotencyModule } from '../common';
import { TargetsModule } from '../targets';
import { LeadAccess } from './lead-access';
import { LeadNotifications } from './lead-notifications';
import { LeadTransitionsService } from './lead-transitions.service';
import { LeadsService } from './leads.service';

@Module({
  imports: [AuditModule, TargetsModule, IdempotencyModule],
  providers: [LeadAccess, LeadsService, LeadTransitionsService, LeadNotifications],
  exports: [LeadAccess, LeadsService, LeadTransitionsService, LeadNotifications],
})
export class LeadsModule {}
