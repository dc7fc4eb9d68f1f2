import { Injectable } from '@nestjs/common';
import {
  assertCurrentVersion,
  ConflictError,
  InvalidInputError,
  NotFoundError,
  type Page,
  type PageRequest,
} from '@dragnet/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common';
import { isUniqueViolation } from '../common';
import { Lead } from '../leads';
import { Target } from '../targets';
import { loadOperationForWork } from '../operations';
import { NetworkAccess } from './network-access';
import { NetworkMember } from './network-member.entity';
import { MemberRole, ModusOperandi, NetworkStatus } from './network-vocabulary';
import { Network } from './network.entity';

export interface NetworkFields {
  name?: string;
  aliases?: string[];
  description?: string | null;
  originCountries?: string[];
  transitCountries?: string[];
  destinationCountries?: string[];
  modiOperandi?: ModusOperandi[];
  modusOperandiNotes?: string | null;
  status?: NetworkStatus;
}

export interface NewNetwork extends NetworkFields {
  name: string;
}

export interface NewMember {
  targetId: string;
  role: MemberRole;
  periodFrom?: string | null;
  periodTo?: string | null;
  sourceLeadId?: string | null;
  sourceNote?: string | null;
}

/** A member as lists show it: the membership and who the target is. */
export interface NetworkMemberView extends NetworkMember {
  reference: string;
  familyName: string;
  givenNames: string;
  targetStatus: string;
}

/** The key a network's name is unique on in its operation (imports match on it too). */
export const networkNameKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

const field = (name: string, message: string) => [{ field: name, message }];

/** Networks and their members: created and changed by coordinators, read under NetworkAccess. */
@Injectable()
export class NetworksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: NetworkAccess,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, operationId: string, input: NewNetwork): Promise<Network> {
    return this.dataSource.transaction(async (manager) => {
      await this.access.loadOperation(manager, actor, operationId);
      await loadOperationForWork(manager, operationId, false);
      const network = manager.create(Network, {
        ...input,
        name: input.name.trim(),
        nameKey: networkNameKey(input.name),
        operationId,
        createdBy: actor.userId,
      });
      const saved = await this.saveUnique(manager, network);
      await this.audit.record(manager, actor, {
        action: 'network.create',
        entityType: 'network',
        entityId: saved.id,
        after: saved,
      });
      return saved;
    });
  }

  async update(actor: Actor, id: string, changes: NetworkFields, version?: number): Promise<Network> {
    return this.dataSource.transaction(async (manager) => {
      const network = await this.access.loadVisible(manager, actor, id, true);
      assertCurrentVersion('network', network.version, version);
      await loadOperationForWork(manager, network.operationId, false);
      const before = { ...network };
      Object.assign(network, changes);
      if (changes.name !== undefined)
        Object.assign(network, { name: changes.name.trim(), nameKey: networkNameKey(changes.name) });
      const saved = await this.saveUnique(manager, network);
      await this.audit.record(manager, actor, {
        action: 'network.update',
        entityType: 'network',
        entityId: id,
        before,
        after: saved,
      });
      return saved;
    });
  }

  /** A network for its reader, who is recorded in the audit trail. */
  async read(actor: Actor, id: string): Promise<Network> {
    const network = await this.access.loadVisible(this.dataSource.manager, actor, id);
    await this.audit.recordRead(actor, 'network.read', 'network', id);
    return network;
  }

  /** The operation's networks the actor may see, by name; one audit entry names them all. */
  async list(actor: Actor, operationId: string, page: PageRequest): Promise<Page<Network>> {
    const manager = this.dataSource.manager;
    await this.access.loadOperation(manager, actor, operationId);
    const [items, total] = await this.access
      .restrict(manager.getRepository(Network).createQueryBuilder('network'), actor)
      .andWhere('network.operation_id = :operationId', { operationId })
      .orderBy('network.name', 'ASC')
      .addOrderBy('network.id', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    if (items.length > 0)
      await this.audit.recordRead(actor, 'network.list', 'operation', operationId, {
        networkIds: items.map((network) => network.id),
      });
    return { items, total, ...page };
  }

  async addMember(actor: Actor, networkId: string, input: NewMember): Promise<NetworkMember> {
    if (!input.sourceLeadId && !input.sourceNote?.trim())
      throw new InvalidInputError(
        'Invalid field: sourceNote',
        field('sourceNote', 'give a source: sourceLeadId or sourceNote'),
      );
    if (input.periodFrom && input.periodTo && input.periodFrom > input.periodTo)
      throw new InvalidInputError(
        'Invalid field: periodTo',
        field('periodTo', 'periodTo must not be before periodFrom'),
      );
    return this.dataSource.transaction(async (manager) => {
      const network = await this.access.loadVisible(manager, actor, networkId);
      await loadOperationForWork(manager, network.operationId, false);
      await this.assertInOperation(manager, Target, 'targetId', input.targetId, network.operationId);
      if (input.sourceLeadId)
        await this.assertInOperation(manager, Lead, 'sourceLeadId', input.sourceLeadId, network.operationId);
      const member = manager.create(NetworkMember, {
        networkId,
        targetId: input.targetId,
        role: input.role,
        periodFrom: input.periodFrom ?? null,
        periodTo: input.periodTo ?? null,
        sourceLeadId: input.sourceLeadId ?? null,
        sourceNote: input.sourceNote?.trim() || null,
        createdBy: actor.userId,
      });
      try {
        await manager.save(member);
      } catch (error) {
        if (!isUniqueViolation(error, 'network_members_role_period_key')) throw error;
        throw new ConflictError(
          'The target is already a member of this network with that role and period',
          field('role', `already a ${input.role} of this network for that period`),
        );
      }
      await this.audit.record(manager, actor, {
        action: 'network.member.add',
        entityType: 'network',
        entityId: networkId,
        after: member,
      });
      return member;
    });
  }

  async removeMember(actor: Actor, networkId: string, memberId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const network = await this.access.loadVisible(manager, actor, networkId);
      await loadOperationForWork(manager, network.operationId, false);
      const member = await manager.findOne(NetworkMember, { where: { id: memberId, networkId } });
      if (!member) throw new NotFoundError('Member');
      await manager.delete(NetworkMember, { id: memberId });
      await this.audit.record(manager, actor, {
        action: 'network.member.remove',
        entityType: 'network',
        entityId: networkId,
        before: member,
      });
    });
  }

  /** The members the actor may read, by target reference; one audit entry names them. */
  async members(actor: Actor, networkId: string): Promise<NetworkMemberView[]> {
    const manager = this.dataSource.manager;
    await this.access.loadVisible(manager, actor, networkId);
    const visible = this.access.targetVisible(actor, 'member.target_id', 'member_target');
    const rows = await manager
      .getRepository(NetworkMember)
      .createQueryBuilder('member')
      .innerJoin(Target, 'target', 'target.id = member.target_id')
      .addSelect(['target.reference', 'target.familyName', 'target.givenNames', 'target.status'])
      .where('member.network_id = :networkId', { networkId })
      .andWhere(visible.sql, visible.parameters)
      .orderBy('target.reference', 'ASC')
      .addOrderBy('member.created_at', 'ASC')
      .getRawAndEntities();
    const items = rows.entities.map((member, index) => {
      const raw = rows.raw[index] as Record<string, string>;
      return Object.assign(member, {
        reference: raw.target_reference,
        familyName: raw.target_family_name,
        givenNames: raw.target_given_names,
        targetStatus: raw.target_status,
      });
    });
    if (items.length > 0)
      await this.audit.recordRead(actor, 'network.member.list', 'network', networkId, {
        targetIds: items.map((member) => member.targetId),
      });
    return items;
  }

  /** A target or lead named in the body must be in the network's operation: 400 naming the field. */
  private async assertInOperation(
    manager: EntityManager,
    entity: typeof Target | typeof Lead,
    name: string,
    id: string,
    operationId: string,
  ): Promise<void> {
    const found = await manager.getRepository(entity).exists({ where: { id, operationId } });
    if (!found)
      throw new InvalidInputError(`Invalid field: ${name}`, field(name, `not a record of this network's operation`));
  }

  private async saveUnique(manager: EntityManager, network: Network): Promise<Network> {
    try {
      return await manager.save(network);
    } catch (error) {
      if (!isUniqueViolation(error, 'networks_operation_name_key')) throw error;
      throw new ConflictError(
        'The operation already has a network of that name',
        field('name', 'already used in this operation'),
      );
    }
  }
}
