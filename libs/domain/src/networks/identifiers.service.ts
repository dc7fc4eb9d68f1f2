import { Injectable } from '@nestjs/common';
import { ConflictError, ForbiddenError } from '@dragnet/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { Role } from '../common';
import { AuditService } from '../audit';
import type { Actor } from '../common';
import { isUniqueViolation } from '../common';
import { LeadAccess } from '../leads';
import { Identifier } from './identifier.entity';
import { type IdentifierInput, normaliseIdentifier } from './identifier-normalisation';
import { loadOperationForWork } from '../operations';
import { NetworkAccess } from './network-access';

/**
 * Identifiers on targets (written by coordinators and the wanting or nominating country) and taken
 * from leads (coordinators and the reporting country). Read by whoever may read the target, and, for
 * one taken from a lead, the lead.
 */
@Injectable()
export class IdentifiersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: NetworkAccess,
    private readonly leads: LeadAccess,
    private readonly audit: AuditService,
  ) {}

  async addToTarget(actor: Actor, targetId: string, input: IdentifierInput): Promise<Identifier> {
    return this.dataSource.transaction(async (manager) => {
      const target = await this.access.loadTarget(manager, actor, targetId);
      if (
        actor.role !== Role.Coordinator &&
        ![target.wantedByCountry, target.nominatingCountry].includes(actor.country!)
      )
        throw new ForbiddenError(
          'Only coordinators and the wanting or nominating country record identifiers on a target',
        );
      return this.insert(manager, actor, { operationId: target.operationId, targetId, leadId: null }, input);
    });
  }

  async addToLead(actor: Actor, leadId: string, input: IdentifierInput): Promise<Identifier> {
    return this.dataSource.transaction(async (manager) => {
      const lead = await this.leads.loadVisible(manager, actor, leadId);
      if (actor.role !== Role.Coordinator && actor.country !== lead.reportingCountry)
        throw new ForbiddenError('Only coordinators and the reporting country record identifiers from a lead');
      return this.insert(manager, actor, { operationId: lead.operationId, targetId: lead.targetId, leadId }, input);
    });
  }

  /** A target's identifiers the actor may see; one audit entry names them. */
  async forTarget(actor: Actor, targetId: string): Promise<Identifier[]> {
    const manager = this.dataSource.manager;
    await this.access.loadTarget(manager, actor, targetId);
    const lead = this.access.leadVisible(actor, 'identifier.lead_id', 'identifier_lead');
    const items = await manager
      .getRepository(Identifier)
      .createQueryBuilder('identifier')
      .where('identifier.target_id = :targetId', { targetId })
      .andWhere(lead.sql, lead.parameters)
      .orderBy('identifier.kind', 'ASC')
      .addOrderBy('identifier.normalised', 'ASC')
      .getMany();
    if (items.length > 0)
      await this.audit.recordRead(actor, 'identifier.list', 'target', targetId, {
        identifierIds: items.map((identifier) => identifier.id),
      });
    return items;
  }

  private async insert(
    manager: EntityManager,
    actor: Actor,
    owner: Pick<Identifier, 'operationId' | 'targetId' | 'leadId'>,
    input: IdentifierInput,
  ): Promise<Identifier> {
    const normalised = normaliseIdentifier(input);
    await loadOperationForWork(manager, owner.operationId, false);
    const identifier = manager.create(Identifier, {
      ...owner,
      kind: input.kind,
      value: input.value.trim(),
      normalised,
      country: input.country?.toUpperCase() ?? null,
      createdBy: actor.userId,
    });
    try {
      await manager.save(identifier);
    } catch (error) {
      if (!isUniqueViolation(error, 'identifiers_target_value_key')) throw error;
      throw new ConflictError('The target already has this identifier', [
        { field: 'value', message: `already recorded on the target as ${normalised}` },
      ]);
    }
    await this.audit.record(manager, actor, {
      action: 'identifier.create',
      entityType: 'identifier',
      entityId: identifier.id,
      after: identifier,
    });
    return identifier;
  }
}
