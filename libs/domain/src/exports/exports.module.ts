import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { OperationsModule } from '../operations';
import { RollupsModule } from '../rollups';
import { ExportBuilder } from './export-builder.service';
import { ExportFiles } from './export-files';
import { ExportsService } from './exports.service';
import { ResultsService } from './results.service';

@Module({
  imports: [AuditModule, OperationsModule, RollupsModule],
  providers: [ExportFiles, ExportsService, ExportBuilder, ResultsService],
  exports: [ExportFiles, ExportsService, ExportBuilder],
})
export class ExportsModule {}
