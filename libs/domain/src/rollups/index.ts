/** The rollups area's front door: what other areas and the apps may use of it. */
export { assembleFigures, computeOperationFigures, countryView, LEAD_GRADINGS } from './operation-figures';
export type {
  CountryFigures,
  Headline,
  LeadFigures,
  LeadGrading,
  OperationFigures,
  RequestFigures,
  TaskFigures,
  TotalFigures,
} from './operation-figures';
export type { NetworkFigures } from './network-figures';
export { OperationStatusSnapshot } from './operation-status-snapshot.entity';
export { RollupsModule } from './rollups.module';
export { RollupsService } from './rollups.service';
export { targetResultSql } from './target-results';
