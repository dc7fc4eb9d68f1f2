import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OperationsModule } from '../operations/operations.module';
import { TargetAccess } from './target-access';
import { TargetsService } from './targets.service';
import { WarrantsService } from './warrants.service';

@Module({
  imports: [AuditModule, OperationsModule],
  providers: [TargetAccess, TargetsService, WarrantsService],
  exports: [TargetAccess, TargetsService, WarrantsService],
})
export class TargetsModule {}
