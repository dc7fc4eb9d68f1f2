/** The exports area's front door: what other areas and the apps may use of it. */
export { ExportBuilder } from './export-builder.service';
export { ExportFormat, ExportScope, ExportStatus } from './export-vocabulary';
export { Export } from './export.entity';
export { ExportsModule } from './exports.module';
export { ExportsService } from './exports.service';
