/** The targets area's front door: what other areas and the apps may use of it. */
export { DuplicateDismissal } from './duplicate-dismissal.entity';
export { DuplicatesService } from './duplicates/duplicates.service';
export { TARGET_IMPORT_COLUMNS, targetImportTemplate } from './import/target-import-columns';
export {
  MAX_IMPORT_BYTES,
  MAX_LISTED_ERRORS,
  TargetImporter,
  TargetImportTooLargeError,
} from './import/target-importer.service';
export type { ImportErrorMode } from './import/target-importer.service';
export { searchNames } from './name-folding';
export { TargetAccess } from './target-access';
export { TargetMergeService } from './target-merge.service';
export { TargetRequestSummaries } from './target-request-summaries';
export type { RequestState, TargetRequestSummary } from './target-request-summaries';
export { TargetStatusChange } from './target-status-change.entity';
export { SHARED_STATUSES, TargetStatus } from './target-status';
export { Priority, Sex, SmugglingRole, WantedFor } from './target-vocabulary';
export { Target } from './target.entity';
export { TargetsModule } from './targets.module';
export { TargetsService } from './targets.service';
export { Warrant } from './warrant.entity';
export { WarrantsService } from './warrants.service';
