import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { OperationsModule } from '../operations';
import { DuplicatesService } from './duplicates/duplicates.service';
import { TargetImporter } from './import/target-importer.service';
import { TargetAccess } from './target-access';
import { TargetMergeService } from './target-merge.service';
import { TargetsService } from './targets.service';
import { WarrantsService } from './warrants.service';

@Module({
  imports: [AuditModule, OperationsModule],
  providers: [TargetAccess, TargetsService, WarrantsService, DuplicatesService, TargetMergeService, TargetImporter],
  exports: [TargetAccess, TargetsService, WarrantsService, DuplicatesService, TargetMergeService, TargetImporter],
})
export class TargetsModule {}
