import { Injectable } from '@nestjs/common';
import { ConflictError, InvalidInputError, Page, PageRequest, assertCurrentVersion } from '@dragnet/platform';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import { type Actor, escapeLike, isUniqueViolation } from '../common';
import { OperationAccess } from './operation-access';
import { OperationClosing } from './operation-closing';
import { assertOperationOpen, OperationStatus, operationWorkflow } from './operation-status';
import { Operation } from './operation.entity';
import { OffenceCategory } from './vocabulary';

export interface OperationFields {
  name?: string;
  crimeFocus?: OffenceCategory;
  description?: string;
  nominationOpensOn?: string | null;
  operationalStart?: string | null;
  operationalEnd?: string | null;
  investigatorExportsAllowed?: boolean;
}

export interface NewOperation extends OperationFields {
  code: string;
  name: string;
}

export interface OperationFilter {
  status?: OperationStatus;
  country?: string;
  q?: string;
}

@Injectable()
export class OperationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OperationAccess,
    private readonly audit: AuditService,
    private readonly closing: OperationClosing,
  ) {}

  async create(actor: Actor, input: NewOperation): Promise<Operation> {
    const fields = { ...input, code: input.code.trim().toUpperCase() };
    assertPhaseOrder(fields);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const operation = await manager.save(manager.create(Operation, { ...fields, createdBy: actor.userId }));
        await this.audit.record(manager, actor, {
          action: 'operation.create',
          entityType: 'operation',
          entityId: operation.id,
          after: operation,
        });
        return operation;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(`Operation code ${fields.code} is already taken`, [
          { field: 'code', message: 'code must be unique' },
        ]);
      }
      throw error;
    }
  }

  async list(actor: Actor, filter: OperationFilter, page: PageRequest): Promise<Page<Operation>> {
    const query = this.access.restrict(this.dataSource.getRepository(Operation).createQueryBuilder('operation'), actor);
    if (filter.status) query.andWhere('operation.status = :status', { status: filter.status });
    if (filter.country) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM participants p WHERE p.operation_id = operation.id AND p.country = :country)',
        { country: filter.country },
      );
    }
    if (filter.q) {
      query.andWhere('(operation.code ILIKE :q OR operation.name ILIKE :q)', { q: `%${escapeLike(filter.q)}%` });
    }
    const [items, total] = await query
      .orderBy('operation.createdAt', 'DESC')
      .addOrderBy('operation.id', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    return { items, total, ...page };
  }

  get(actor: Actor, id: string): Promise<Operation> {
    return this.access.loadVisible(this.dataSource.manager, actor, id);
  }

  /** Updates descriptive fields; `expectedVersion`, when given, rejects a stale write with 409. */
  async update(actor: Actor, id: string, changes: OperationFields, expectedVersion?: number): Promise<Operation> {
    return this.dataSource.transaction(async (manager) => {
      // Sharing the results stays possible after closing; everything else about a closed operation is frozen.
      const sharingOnly = Object.keys(changes).every((key) => key === 'investigatorExportsAllowed');
      const operation = sharingOnly
        ? await this.loadForSharing(manager, actor, id, expectedVersion)
        : await this.loadWritable(manager, actor, id, expectedVersion);
      const before = { ...operation };
      Object.assign(operation, changes);
      assertPhaseOrder(operation);
      const saved = await manager.save(operation);
      await this.audit.record(manager, actor, {
        action: 'operation.update',
        entityType: 'operation',
        entityId: id,
        before,
        after: saved,
      });
      return saved;
    });
  }

  async changeStatus(actor: Actor, id: string, status: OperationStatus, expectedVersion?: number): Promise<Operation> {
    return this.dataSource.transaction(async (manager) => {
      const operation = await this.access.loadVisible(manager, actor, id, true);
      assertCurrentVersion('operation', operation.version, expectedVersion);
      operationWorkflow.assertMove(operation.status, status);
      const before = { status: operation.status };
      operation.status = status;
      const saved = await manager.save(operation);
      // Closing freezes the figures: the final roll-up is computed under the operation's lock (every
      // writer share-locks it, so nothing commits in between), stored in this transaction as the
      // operation's final snapshot, and kept with the audit entry of the close.
      const final =
        status === OperationStatus.Closed ? await this.closing.storeFinalFigures(manager, id, new Date()) : undefined;
      await this.audit.record(manager, actor, {
        action: 'operation.status',
        entityType: 'operation',
        entityId: id,
        before,
        after: final
          ? { status, finalSnapshotId: final.id, finalComputedAt: final.computedAt, finalResults: final.figures }
          : { status },
      });
      return saved;
    });
  }

  private async loadForSharing(manager: EntityManager, actor: Actor, id: string, expectedVersion?: number) {
    const operation = await this.access.loadVisible(manager, actor, id, true);
    assertCurrentVersion('operation', operation.version, expectedVersion);
    return operation;
  }

  /** Locks the operation for a change; a closed operation is read-only. */
  async loadWritable(manager: EntityManager, actor: Actor, id: string, expectedVersion?: number): Promise<Operation> {
    const operation = await this.access.loadVisible(manager, actor, id, true);
    assertCurrentVersion('operation', operation.version, expectedVersion);
    assertOperationOpen(operation.status);
    return operation;
  }
}

function assertPhaseOrder(fields: OperationFields): void {
  const { nominationOpensOn, operationalStart, operationalEnd } = fields;
  const problems = [];
  if (nominationOpensOn && operationalStart && nominationOpensOn > operationalStart) {
    problems.push({ field: 'nominationOpensOn', message: 'nominationOpensOn must not be after operationalStart' });
  }
  if (operationalStart && operationalEnd && operationalStart > operationalEnd) {
    problems.push({ field: 'operationalEnd', message: 'operationalEnd must not be before operationalStart' });
  }
  if (problems.length > 0) throw new InvalidInputError('Phase dates are out of order', problems);
}
