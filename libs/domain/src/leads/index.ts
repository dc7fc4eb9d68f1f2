/** The leads area's front door: what other areas and the apps may use of it. */
export { LeadAccess } from './lead-access';
export { LeadNotifications } from './lead-notifications';
export { LeadStatusChange } from './lead-status-change.entity';
export { DEAD_LEAD_STATUSES, LeadStatus } from './lead-status';
export { LeadTransitionsService } from './lead-transitions.service';
export { HandlingCode, INFORMATION_ASSESSMENTS, LeadType, SourceReliability } from './lead-vocabulary';
export type { InformationAssessment } from './lead-vocabulary';
export { Lead } from './lead.entity';
export { LeadsModule } from './leads.module';
export { LeadsService } from './leads.service';
