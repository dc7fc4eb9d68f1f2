import { Injectable } from '@nestjs/common';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  Page,
  PageRequest,
  LiveEventBus,
  assertCurrentVersion,
  getManyAndCountPrepared,
} from '@dragnet/platform';
import { DataSource, EntityManager } from 'typeorm';
import { type Actor, movedBy, Role } from '../common';
import { AuditService } from '../audit';
import { assertOperationOpen, OffenceCategory, Operation, takesNominations } from '../operations';
import { foldName, nameKeys, searchKeys, searchNames } from './name-folding';
import { TargetAccess } from './target-access';
import { TargetRequestSummaries, type TargetRequestSummary } from './target-request-summaries';
import { COORDINATOR_ONLY_STATUSES, TargetStatus, targetWorkflow } from './target-status';
import { TargetStatusChange } from './target-status-change.entity';
import { Target } from './target.entity';
import { IdentityDocument, Priority, Sex, SmugglingRole, targetOrder, type TargetSort } from './target-vocabulary';

/** Every field a client may set on a target. */
export interface TargetFields {
  familyName?: string;
  givenNames?: string;
  aliases?: string[];
  sex?: Sex;
  birthDate?: string | null;
  birthYear?: number | null;
  placeOfBirth?: string | null;
  countryOfBirth?: string | null;
  nationalities?: string[];
  languages?: string[];
  identityDocuments?: IdentityDocument[];
  heightCm?: number | null;
  weightKg?: number | null;
  eyeColour?: string | null;
  hairColour?: string | null;
  distinguishingMarks?: string | null;
  photographReference?: string | null;
  fingerprintsReference?: string | null;
  nominatingReference?: string | null;
  wantedByCountry?: string;
  offenceCategories?: OffenceCategory[];
  smugglingRole?: SmugglingRole | null;
  networkName?: string | null;
  priority?: Priority;
  believedIn?: string[];
  publicAppeal?: boolean;
}

export interface NewTarget extends TargetFields {
  familyName: string;
  wantedByCountry: string;
  /** Coordinators name it; an investigator always nominates for its own country. */
  nominatingCountry?: string;
}

export interface TargetFilter {
  status?: TargetStatus;
  wantedBy?: string;
  nominatingCountry?: string;
  nationality?: string;
  priority?: Priority;
  offence?: OffenceCategory;
  q?: string;
  /** With (true) or without (false) a red notice in force or a circulated red diffusion. */
  hasRedNoticeOrDiffusion?: boolean;
  /** One of TARGET_SORTS; by default the reference (or, with `q`, the closest spelling first). */
  sort?: TargetSort;
}

/** A target as clients see it: with its notice and diffusion state. */
export type TargetView = Target & { requests: TargetRequestSummary };

export interface StatusChangeRequest {
  status: TargetStatus;
  country?: string;
  at?: Date;
  note?: string;
  version?: number;
}

/** Statuses an investigator may report itself, in its own country. */
const FIELD_REPORTABLE: readonly TargetStatus[] = [TargetStatus.Located, TargetStatus.Arrested];

@Injectable()
export class TargetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TargetAccess,
    private readonly audit: AuditService,
    private readonly live: LiveEventBus,
    private readonly requestSummaries: TargetRequestSummaries,
  ) {}

  async create(actor: Actor, operationId: string, input: NewTarget): Promise<Target> {
    return this.dataSource.transaction(async (manager) => {
      const operation = await this.access.loadOperation(manager, actor, operationId, true);
      const nominatingCountry = this.nominatingCountryFor(actor, operation, input.nominatingCountry);
      const [reference] = await this.reserveReferences(manager, operation, 1);
      const target = manager.create(Target, {
        ...normalise(input),
        operationId,
        reference,
        nominatingCountry,
        status: TargetStatus.Nominated,
        createdBy: actor.userId,
      });
      const saved = await this.saveUnique(manager, target);
      await manager.insert(
        TargetStatusChange,
        this.historyRow(actor, saved.id, null, TargetStatus.Nominated, { country: nominatingCountry }),
      );
      await this.audit.record(manager, actor, {
        action: 'target.create',
        entityType: 'target',
        entityId: saved.id,
        after: saved,
      });
      return saved;
    });
  }

  async list(actor: Actor, operationId: string, filter: TargetFilter, page: PageRequest): Promise<Page<TargetView>> {
    await this.access.loadOperation(this.dataSource.manager, actor, operationId);
    const query = this.access
      .restrict(this.dataSource.getRepository(Target).createQueryBuilder('target'), actor)
      .andWhere('target.operation_id = :operationId', { operationId });
    if (filter.status) query.andWhere('target.status = :status', { status: filter.status });
    if (filter.wantedBy) query.andWhere('target.wanted_by_country = :wantedBy', { wantedBy: filter.wantedBy });
    if (filter.nominatingCountry)
      query.andWhere('target.nominating_country = :nominating', { nominating: filter.nominatingCountry });
    if (filter.nationality)
      query.andWhere(':nationality = ANY(target.nationalities)', { nationality: filter.nationality });
    if (filter.priority) query.andWhere('target.priority = :priority', { priority: filter.priority });
    if (filter.offence) query.andWhere(':offence = ANY(target.offence_categories)', { offence: filter.offence });
    if (filter.hasRedNoticeOrDiffusion !== undefined) {
      const live = this.requestSummaries.redNoticeOrDiffusionCondition(actor, 'target.id');
      query.andWhere(filter.hasRedNoticeOrDiffusion ? live.sql : `NOT ${live.sql}`, live.parameters);
    }
    const keys = filter.q ? searchKeys(filter.q) : [];
    if (keys.length > 0) {
      // Every word of the query must match a word of the names or aliases by its consonant outline
      // (GIN on name_keys), so transliterations and vowel typos meet; closest spellings come first
      // unless another order was asked for.
      query.andWhere('target.name_keys @> :keys::text[]', { keys });
      if (!filter.sort)
        query
          .addSelect(`similarity(lower(target.given_names || ' ' || target.family_name), :folded)`, 'relevance')
          .setParameter('folded', foldName(filter.q ?? ''))
          .orderBy('relevance', 'DESC')
          .addOrderBy('target.reference', 'ASC');
    }
    if (filter.sort || keys.length === 0) {
      const { columns, direction } = targetOrder(filter.sort ?? 'reference');
      columns.forEach((column, index) =>
        index === 0 ? query.orderBy(column, direction) : query.addOrderBy(column, direction),
      );
    }
    // A search or list runs on every keystroke of the console: its statement is written once per shape
    // (role, which filters, the sort and the red-notice condition since they change the SQL, search or
    // not, page), only the values are bound on each call.
    const shape = [
      'target.list',
      actor.role,
      ...Object.entries(filter)
        .filter(([, value]) => value !== undefined && value !== null && value !== '')
        .map(([name, value]) => (name === 'hasRedNoticeOrDiffusion' || name === 'sort' ? `${name}=${value}` : name))
        .sort(),
      keys.length > 0 ? 'search' : 'all',
      page.limit,
      page.offset,
    ].join(':');
    const [targets, total] = await getManyAndCountPrepared(
      this.dataSource.manager,
      query.take(page.limit).skip(page.offset),
      shape,
    );
    // A list or a search shows targets as much as their detail does: one entry names every one shown.
    if (targets.length > 0)
      await this.audit.recordRead(actor, 'target.list', 'operation', operationId, {
        targetIds: targets.map((target) => target.id),
        ...(filter.q ? { q: filter.q } : {}),
      });
    return { items: await this.withRequests(actor, targets), total, ...page };
  }

  /** A target's detail for its reader, who is recorded in the audit trail (`target.read`). */
  async read(actor: Actor, id: string): Promise<TargetView> {
    const view = await this.get(actor, id);
    await this.audit.recordRead(actor, 'target.read', 'target', id);
    return view;
  }

  async get(actor: Actor, id: string): Promise<TargetView> {
    const target = await this.access.loadVisible(this.dataSource.manager, actor, id);
    const [view] = await this.withRequests(actor, [target]);
    return view;
  }

  /** Adds each target's notice and diffusion state, as far as the actor may see it, in one query. */
  private async withRequests(actor: Actor, targets: Target[]): Promise<TargetView[]> {
    if (targets.length === 0) return [];
    const summaries = await this.requestSummaries.summarise(
      this.dataSource.manager,
      actor,
      targets.map((target) => target.id),
    );
    return targets.map((target) => Object.assign(target, { requests: summaries.get(target.id)! }));
  }

  /** Changes fields; a stale `version` answers 409 and changes nothing. */
  async update(actor: Actor, id: string, changes: TargetFields, version: number): Promise<Target> {
    return this.dataSource.transaction(async (manager) => {
      const target = await this.loadWritable(manager, actor, id, version);
      const mayEdit =
        actor.role === Role.Coordinator ||
        (actor.role === Role.Investigator &&
          actor.country === target.nominatingCountry &&
          target.status === TargetStatus.Nominated);
      if (!mayEdit)
        throw new ForbiddenError(
          'Only coordinators, or the nominating country while the target is nominated, may change it',
        );
      const before = { ...target };
      const merged = { ...pickIdentity(target), ...changes };
      if (changes.birthDate !== undefined && changes.birthYear === undefined) merged.birthYear = null;
      Object.assign(target, normalise(merged));
      const saved = await this.saveUnique(manager, target);
      await this.audit.record(manager, actor, {
        action: 'target.update',
        entityType: 'target',
        entityId: id,
        before,
        after: saved,
      });
      return saved;
    });
  }

  async changeStatus(actor: Actor, id: string, request: StatusChangeRequest): Promise<Target> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const target = await this.loadWritable(manager, actor, id, request.version);
      const to = request.status;
      targetWorkflow.assertMove(target.status, to);
      const country = request.country ?? (actor.role === Role.Investigator ? actor.country : null);
      this.assertMayMove(actor, to, country);
      if ((to === TargetStatus.Located || to === TargetStatus.Arrested) && !country) {
        throw new InvalidInputError('Invalid field: country', [
          { field: 'country', message: `country is required to record a target as ${to}` },
        ]);
      }
      const at = request.at ?? new Date();
      const before = { status: target.status };
      target.status = to;
      if (to === TargetStatus.Located) Object.assign(target, { locatedCountry: country, locatedAt: at });
      if (to === TargetStatus.Arrested) Object.assign(target, { arrestedCountry: country, arrestedAt: at });
      const saved = await manager.save(target);
      await manager.insert(
        TargetStatusChange,
        this.historyRow(actor, id, before.status, to, { country, at, note: request.note }),
      );
      await this.audit.record(manager, actor, {
        action: 'target.status',
        entityType: 'target',
        entityId: id,
        before,
        after: { status: to, country, at, note: request.note ?? null },
      });
      return saved;
    });
    await this.live.publish({ operationId: saved.operationId, type: 'target.status', entity: 'target', id: saved.id });
    return saved;
  }

  async history(actor: Actor, id: string): Promise<TargetStatusChange[]> {
    await this.access.loadVisible(this.dataSource.manager, actor, id);
    await this.audit.recordRead(actor, 'target.history', 'target', id);
    // Includes the moves of targets merged into this one.
    return this.dataSource
      .getRepository(TargetStatusChange)
      .createQueryBuilder('change')
      .where(
        'change.target_id = :id OR change.target_id IN (SELECT merged.id FROM targets merged WHERE merged.merged_into_id = :id)',
        { id },
      )
      .orderBy('change.recorded_at', 'ASC')
      .addOrderBy('change.id', 'ASC')
      .getMany();
  }

  /** Locks a visible target for a change; its operation must not be closed, and the version must match. */
  async loadWritable(manager: EntityManager, actor: Actor, id: string, version?: number): Promise<Target> {
    const target = await this.access.loadVisible(manager, actor, id, true);
    assertCurrentVersion('target', target.version, version);
    // Share-locked so the operation cannot close while this change is being written.
    const operation = await manager.findOneOrFail(Operation, {
      where: { id: target.operationId },
      lock: { mode: 'pessimistic_read' },
    });
    assertOperationOpen(operation.status);
    return target;
  }

  /** Gives the next `count` readable references of an operation (HYDRA-2016-0001, ...). */
  async reserveReferences(manager: EntityManager, operation: Operation, count: number): Promise<string[]> {
    const [row]: [{ last_target_number: number }[], number] = await manager.query(
      `UPDATE operations SET last_target_number = last_target_number + $2 WHERE id = $1 RETURNING last_target_number`,
      [operation.id, count],
    );
    const last = row[0].last_target_number;
    return Array.from(
      { length: count },
      (_, index) => `${operation.code}-${String(last - count + index + 1).padStart(4, '0')}`,
    );
  }

  private nominatingCountryFor(actor: Actor, operation: Operation, requested: string | undefined): string {
    assertOperationOpen(operation.status);
    if (actor.role === Role.Coordinator) {
      if (!requested)
        throw new InvalidInputError('Invalid field: nominatingCountry', [
          { field: 'nominatingCountry', message: 'nominatingCountry is required' },
        ]);
      return requested;
    }
    if (actor.role !== Role.Investigator || !actor.country)
      throw new ForbiddenError('Only coordinators and investigators nominate targets');
    if (requested && requested !== actor.country) {
      throw new ForbiddenError(`An investigator nominates for its own country (${actor.country}) only`);
    }
    if (!takesNominations(operation.status)) {
      throw new ConflictError(`The operation takes nominations in planning and nomination; it is ${operation.status}`);
    }
    return actor.country;
  }

  private assertMayMove(actor: Actor, to: TargetStatus, country: string | null): void {
    if (actor.role === Role.Coordinator) return;
    if (COORDINATOR_ONLY_STATUSES.includes(to)) throw new ForbiddenError('Only coordinators accept or reject targets');
    if (actor.role === Role.Investigator && FIELD_REPORTABLE.includes(to) && country === actor.country) return;
    throw new ForbiddenError(
      actor.role === Role.Investigator
        ? `An investigator may record a location or arrest in its own country (${actor.country}) only`
        : 'Your role may not change a target',
    );
  }

  private historyRow(
    actor: Actor,
    targetId: string,
    fromStatus: TargetStatus | null,
    toStatus: TargetStatus,
    details: { country?: string | null; at?: Date; note?: string },
  ) {
    return {
      targetId,
      fromStatus,
      toStatus,
      country: details.country ?? null,
      occurredAt: details.at ?? new Date(),
      note: details.note ?? null,
      ...movedBy(actor),
    };
  }

  private async saveUnique(manager: EntityManager, target: Target): Promise<Target> {
    const clash = target.nominatingReference
      ? await manager
          .getRepository(Target)
          .createQueryBuilder('target')
          .where(
            'target.operation_id = :operationId AND target.nominating_country = :country AND target.nominating_reference = :reference',
            {
              operationId: target.operationId,
              country: target.nominatingCountry,
              reference: target.nominatingReference,
            },
          )
          .andWhere(target.id ? 'target.id <> :id' : 'TRUE', { id: target.id })
          .getExists()
      : false;
    if (clash) {
      throw new ConflictError(
        `${target.nominatingCountry} already nominated a target with reference ${target.nominatingReference}`,
        [{ field: 'nominatingReference', message: 'nominatingReference must be unique for the nominating country' }],
      );
    }
    return manager.save(target);
  }
}

function pickIdentity(target: Target): TargetFields {
  return {
    familyName: target.familyName,
    givenNames: target.givenNames,
    aliases: target.aliases,
    birthDate: target.birthDate,
    birthYear: target.birthYear,
  };
}

/** Derives what is stored from what was given: birth year from the date, folded search names, upper-case codes. */
function normalise<T extends TargetFields>(fields: T): T {
  const result = { ...fields };
  if (result.birthDate) {
    const year = Number(result.birthDate.slice(0, 4));
    if (year < 1900 || year > 2100) {
      throw new InvalidInputError('Invalid field: birthDate', [
        { field: 'birthDate', message: 'birthDate must be between 1900 and 2100' },
      ]);
    }
    if (result.birthYear !== undefined && result.birthYear !== null && result.birthYear !== year) {
      throw new InvalidInputError('Invalid field: birthYear', [
        { field: 'birthYear', message: 'birthYear does not match birthDate' },
      ]);
    }
    result.birthYear = year;
  }
  if (result.aliases) result.aliases = [...new Set(result.aliases.map((alias) => alias.trim()).filter(Boolean))];
  if (result.familyName !== undefined) {
    const derived = result as TargetFields & { searchNames?: string; nameKeys?: string[] };
    derived.searchNames = searchNames(result.familyName, result.givenNames ?? '', result.aliases ?? []);
    derived.nameKeys = nameKeys(result.familyName, result.givenNames ?? '', result.aliases ?? []);
  }
  return result;
}
