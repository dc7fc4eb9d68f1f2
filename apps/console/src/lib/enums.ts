import type { Schemas } from './api/client';

/**
 * Every value of one of the API's enumerations (`T`, from the generated OpenAPI types), checked both
 * ways: a value the API does not know, or one it offers that the list lacks, fails the build. So a
 * list cannot drift from the API (as EXPORT_SCOPES once lacked `networks`).
 */
export const allOf =
  <T extends string>() =>
  <const L extends readonly T[]>(
    values: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> }),
  ): L =>
    values;

/**
 * The API's enumerations as lists for pickers; `satisfies` ties each list to the generated types,
 * so a value the API drops breaks the build.
 */
export const OPERATION_STATUSES = [
  'planning',
  'nomination',
  'active',
  'follow_up',
  'closed',
] as const satisfies readonly Schemas['OperationStatus'][];
export const TARGET_STATUSES = [
  'nominated',
  'accepted',
  'rejected',
  'located',
  'arrested',
  'deceased',
  'withdrawn',
  'extradited',
  'surrendered',
  'released',
] as const satisfies readonly Schemas['TargetStatus'][];
export const OFFENCES = [
  'migrant_smuggling',
  'human_trafficking',
  'document_fraud',
  'money_laundering',
  'corruption',
  'organised_crime',
  'other',
] as const satisfies readonly Schemas['OffenceCategory'][];
export const SMUGGLING_ROLES = [
  'organiser',
  'facilitator',
  'transporter',
  'document_forger',
  'harbourer',
  'illegal_travel_agent',
  'recruiter',
  'other',
] as const satisfies readonly Schemas['SmugglingRole'][];
export const PRIORITIES = ['high', 'medium', 'low'] as const satisfies readonly Schemas['Priority'][];
export const SEXES = ['M', 'F', 'U'] as const satisfies readonly Schemas['Sex'][];
export const PARTICIPANT_ROLES = [
  'source',
  'transit',
  'destination',
] as const satisfies readonly Schemas['ParticipantRole'][];
export const ROLES = ['admin', 'coordinator', 'investigator', 'observer'] as const satisfies readonly Schemas['Role'][];
export const TASK_TYPES = [
  'check_records',
  'verify_lead',
  'locate',
  'surveillance',
  'arrest',
  'extradition_request',
  'notice_request',
  'other',
] as const satisfies readonly Schemas['TaskType'][];
export const TASK_STATUSES = [
  'open',
  'acknowledged',
  'in_progress',
  'done',
  'cancelled',
] as const satisfies readonly Schemas['TaskStatus'][];
export const LEAD_STATUSES = [
  'new',
  'under_assessment',
  'actioned',
  'confirmed',
  'disproved',
  'closed',
] as const satisfies readonly Schemas['LeadStatus'][];
export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const satisfies readonly Schemas['ExportFormat'][];
/** Exhaustive (allOf): each scope the API offers is offered here. */
export const EXPORT_SCOPES = allOf<Schemas['ExportScope']>()(['all', 'targets', 'summary', 'networks']);

/** Workflows as the domain guide draws them; the API refuses any other move (409). */
export const OPERATION_NEXT: Record<Schemas['OperationStatus'], Schemas['OperationStatus'][]> = {
  planning: ['nomination'],
  nomination: ['active'],
  active: ['follow_up'],
  follow_up: ['closed'],
  closed: [],
};
export const TARGET_NEXT: Record<Schemas['TargetStatus'], Schemas['TargetStatus'][]> = {
  nominated: ['accepted', 'rejected'],
  accepted: ['located', 'arrested', 'deceased', 'withdrawn'],
  located: ['arrested', 'accepted'],
  arrested: ['extradited', 'surrendered', 'released'],
  rejected: [],
  deceased: [],
  withdrawn: [],
  extradited: [],
  surrendered: [],
  released: [],
};
export const TASK_NEXT: Record<Schemas['TaskStatus'], Schemas['TaskStatus'][]> = {
  open: ['acknowledged', 'cancelled'],
  acknowledged: ['in_progress', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};
export const LEAD_NEXT: Record<Schemas['LeadStatus'], Schemas['LeadStatus'][]> = {
  new: ['under_assessment', 'closed'],
  under_assessment: ['actioned', 'closed'],
  actioned: ['confirmed', 'disproved', 'closed'],
  confirmed: [],
  disproved: [],
  closed: [],
};
