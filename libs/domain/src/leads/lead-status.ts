import { StateMachine } from '../common';

export enum LeadStatus {
  New = 'new',
  UnderAssessment = 'under_assessment',
  Actioned = 'actioned',
  Confirmed = 'confirmed',
  Disproved = 'disproved',
  Closed = 'closed',
}

const S = LeadStatus;

/** The coordinators' assessment of a lead; any open lead may also be closed without a finding. */
export const leadWorkflow = new StateMachine<LeadStatus>('Lead', {
  [S.New]: [S.UnderAssessment, S.Closed],
  [S.UnderAssessment]: [S.Actioned, S.Closed],
  [S.Actioned]: [S.Confirmed, S.Disproved, S.Closed],
  [S.Confirmed]: [],
  [S.Disproved]: [],
  [S.Closed]: [],
});

/** Still being assessed or acted on. */
export const OPEN_LEAD_STATUSES: readonly LeadStatus[] = [S.New, S.UnderAssessment, S.Actioned];

/** A lead in these statuses is no longer a reason to task a country. */
export const DEAD_LEAD_STATUSES: readonly LeadStatus[] = [S.Disproved, S.Closed];
