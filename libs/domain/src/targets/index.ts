/** The targets area's front door: what other areas and the apps may use of it. */
export { DuplicateDismissal } from './duplicate-dismissal.entity';
export { isUsableDocumentNumber, normaliseDocumentNumber } from './duplicates/duplicate-finder';
export { DuplicatesService } from './duplicates/duplicates.service';
export { TARGET_IMPORT_COLUMNS, targetImportTemplate } from './import/target-import-columns';
export {
  MAX_IMPORT_BYTES,
  MAX_LISTED_ERRORS,
  TargetImporter,
  TargetImportTooLargeError,
} from './import/target-importer.service';
export type { ImportErrorMode, TargetImportHook } from './import/target-importer.service';
export type { ImportRowError } from './import/target-row-parser';
// All four: the benches seed search fields and send the search's values as Dragnet does.
export { foldName, nameKeys, searchKeys, searchNames } from './name-folding';
export { TargetAccess } from './target-access';
export { TargetMergeService } from './target-merge.service';
export { TargetRequestSummaries } from './target-request-summaries';
export type { RequestState, TargetRequestSummary } from './target-request-summaries';
export { TargetStatusChange } from './target-status-change.entity';
export { SHARED_STATUSES, TargetStatus } from './target-status';
export { Priority, Sex, SmugglingRole, TARGET_SORTS, WantedFor } from './target-vocabulary';
export type { TargetSort } from './target-vocabulary';
export { Target } from './target.entity';
export { TargetsModule } from './targets.module';
export { TargetsService } from './targets.service';
export { Warrant } from './warrant.entity';
export { WarrantsService } from './warrants.service';
