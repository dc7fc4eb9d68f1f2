import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OperationsModule } from '../operations/operations.module';
import { ResultsModule } from '../results/results.module';
import { StatusModule } from '../status/status.module';
import { ExportBuilder } from './export-builder.service';
import { ExportFiles } from './export-files';
import { ExportsService } from './exports.service';

@Module({
  imports: [AuditModule, OperationsModule, ResultsModule, StatusModule],
  providers: [ExportFiles, ExportsService, ExportBuilder],
  exports: [ExportFiles, ExportsService, ExportBuilder],
})
export class ExportsModule {}
