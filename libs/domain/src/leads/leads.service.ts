import { Injectable } from '@nestjs/common';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  JobName,
  OutboxService,
  type Page,
  type PageRequest,
  LiveEventBus,
  insertPrepared,
} from '@dragnet/platform';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import {
  type Actor,
  IdempotencyStore,
  type IdempotentRequest,
  type IdempotentResponse,
  recordChange,
  Role,
} from '../common';
import { AuditService } from '../audit';
import { type Target, TargetStatus } from '../targets';
import { LeadAccess } from './lead-access';
import { checkLeadFields, type NewLead } from './lead-fields';
import { LeadStatus } from './lead-status';
import { LeadStatusChange } from './lead-status-change.entity';
import { Lead } from './lead.entity';
import { HandlingCode, type InformationAssessment, LeadType, SourceReliability } from './lead-vocabulary';
import { loadOperationForWork } from '../operations';

export interface LeadFilter {
  targetId?: string;
  status?: LeadStatus;
  type?: LeadType;
  country?: string;
  reportingCountry?: string;
  sourceReliability?: SourceReliability;
  informationAssessment?: InformationAssessment;
  handlingCode?: HandlingCode;
  /** Reported at or after. */
  since?: Date;
}

/** No lead about a person who left the list or died. */
const CLOSED_TARGET_STATUSES: readonly TargetStatus[] = [
  TargetStatus.Rejected,
  TargetStatus.Deceased,
  TargetStatus.Withdrawn,
];

/** Location leads: reporting (once per Idempotency-Key), reading, and their history. */
@Injectable()
export class LeadsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: LeadAccess,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly idempotency: IdempotencyStore,
    private readonly live: LiveEventBus,
  ) {}

  /**
   * Reports a lead. A repeat with the same key and body answers the first answer and creates
   * nothing, so a submission resent over a poor connection never makes two leads.
   */
  async report(
    actor: Actor,
    targetId: string,
    input: NewLead,
    idempotent: IdempotentRequest,
  ): Promise<IdempotentResponse<Lead>> {
    const fields = checkLeadFields(input);
    const reportingCountry = this.reportingCountryFor(actor, input.reportingCountry);
    const result = await this.idempotency.execute(actor.userId, idempotent, 201, async (manager) => {
      const target = await this.access.loadTarget(manager, actor, targetId, ['id', 'operationId', 'status']);
      if (CLOSED_TARGET_STATUSES.includes(target.status)) {
        throw new ConflictError(`No new lead for a target that is ${target.status}`);
      }
      await loadOperationForWork(manager, target.operationId, true, {
        country: reportingCountry,
        field: 'reportingCountry',
      });
      return this.insert(manager, actor, target, { ...fields, reportingCountry });
    });
    if (!result.replayed) {
      await this.live.publish({
        operationId: result.body.operationId,
        type: 'lead.created',
        entity: 'lead',
        id: result.body.id,
      });
    }
    return result;
  }

  /** A lead for its reader, who is recorded in the audit trail (`lead.read`). */
  async read(actor: Actor, id: string): Promise<Lead> {
    const lead = await this.get(actor, id);
    await this.audit.recordRead(actor, 'lead.read', 'lead', id);
    return lead;
  }

  async get(actor: Actor, id: string): Promise<Lead> {
    return this.access.loadVisible(this.dataSource.manager, actor, id);
  }

  /** The operation's leads you may see, newest reported first. */
  async forOperation(actor: Actor, operationId: string, filter: LeadFilter, page: PageRequest): Promise<Page<Lead>> {
    const manager = this.dataSource.manager;
    await this.access.loadOperation(manager, actor, operationId);
    const query = this.access
      .restrict(manager.getRepository(Lead).createQueryBuilder('lead'), actor)
      .andWhere('lead.operation_id = :operationId', { operationId });
    applyFilter(query, filter);
    const [items, total] = await query
      .orderBy('lead.created_at', 'DESC')
      .addOrderBy('lead.id', 'DESC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    await this.recordListRead(actor, 'operation', operationId, items);
    return { items, total, ...page };
  }

  /** A list shows leads as much as their detail does: one audit entry names every lead it showed. */
  private async recordListRead(actor: Actor, entityType: string, entityId: string, items: Lead[]): Promise<void> {
    if (items.length === 0) return;
    await this.audit.recordRead(actor, 'lead.list', entityType, entityId, { leadIds: items.map((lead) => lead.id) });
  }

  /** A target's timeline: the leads you may see about it (and about records merged into it), latest observation first. */
  async forTarget(actor: Actor, targetId: string, page: PageRequest): Promise<Page<Lead>> {
    const manager = this.dataSource.manager;
    await this.access.loadTarget(manager, actor, targetId);
    const [items, total] = await this.access
      .restrict(manager.getRepository(Lead).createQueryBuilder('lead'), actor)
      .andWhere(
        '(lead.target_id = :targetId OR lead.target_id IN (SELECT merged.id FROM targets merged WHERE merged.merged_into_id = :targetId))',
        { targetId },
      )
      .orderBy('lead.observed_at', 'DESC')
      .addOrderBy('lead.created_at', 'DESC')
      .addOrderBy('lead.id', 'DESC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    await this.recordListRead(actor, 'target', targetId, items);
    return { items, total, ...page };
  }

  async history(actor: Actor, id: string): Promise<LeadStatusChange[]> {
    await this.access.loadVisible(this.dataSource.manager, actor, id);
    await this.audit.recordRead(actor, 'lead.history', 'lead', id);
    return this.dataSource.getRepository(LeadStatusChange).find({ where: { leadId: id }, order: { id: 'ASC' } });
  }

  async recordChange(
    manager: EntityManager,
    actor: Actor,
    leadId: string,
    from: LeadStatus | null,
    to: LeadStatus,
    note?: string,
  ): Promise<void> {
    await recordChange(manager, LeadStatusChange, actor, {
      leadId,
      fromStatus: from,
      toStatus: to,
      note: note?.trim() || null,
    });
  }

  private async insert(
    manager: EntityManager,
    actor: Actor,
    target: Target,
    fields: NewLead & { reportingCountry: string },
  ): Promise<Lead> {
    const lead = manager.create(Lead, {
      ...fields,
      operationId: target.operationId,
      targetId: target.id,
      reportedBy: actor.userId,
      status: LeadStatus.New,
    });
    // insert, not save: one INSERT ... RETURNING fills in the generated columns, without save's
    // bookkeeping; its statement written once (insertPrepared), as this runs on every lead.
    await insertPrepared(manager, Lead, lead);
    await this.recordChange(manager, actor, lead.id, null, LeadStatus.New);
    await this.audit.record(manager, actor, {
      action: 'lead.create',
      entityType: 'lead',
      entityId: lead.id,
      after: lead,
    });
    await this.outbox.enqueue(
      manager,
      JobName.LeadReportedEmail,
      { leadId: lead.id },
      { jobId: `lead-reported:${lead.id}` },
    );
    return lead;
  }

  private reportingCountryFor(actor: Actor, requested: string | undefined): string {
    if (actor.role === Role.Coordinator) {
      if (requested) return requested;
      throw new InvalidInputError('Invalid field: reportingCountry', [
        { field: 'reportingCountry', message: 'reportingCountry is required when a coordinator reports a lead' },
      ]);
    }
    if (actor.role !== Role.Investigator || !actor.country) {
      throw new ForbiddenError('Only coordinators and investigators report leads');
    }
    if (requested && requested !== actor.country) {
      throw new ForbiddenError(`An investigator reports leads for its own country (${actor.country}) only`);
    }
    return actor.country;
  }
}

function applyFilter(query: SelectQueryBuilder<Lead>, filter: LeadFilter): void {
  const equalities: [keyof LeadFilter, string][] = [
    ['targetId', 'target_id'],
    ['status', 'status'],
    ['type', 'type'],
    ['country', 'country'],
    ['reportingCountry', 'reporting_country'],
    ['sourceReliability', 'source_reliability'],
    ['informationAssessment', 'information_assessment'],
    ['handlingCode', 'handling_code'],
  ];
  for (const [field, column] of equalities) {
    if (filter[field] !== undefined) query.andWhere(`lead.${column} = :${field}`, { [field]: filter[field] });
  }
  if (filter.since) query.andWhere('lead.created_at >= :since', { since: filter.since });
}
