import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '@dragnet/platform';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { type Actor, Role } from '../common';
import { Operation, OperationAccess } from '../operations';
import { SHARED_STATUSES } from './target-status';
import { Target } from './target.entity';

/**
 * Need to know for targets: every participant sees an operation's accepted (and later) targets;
 * nominated and rejected ones only coordinators and the nominating country.
 */
@Injectable()
export class TargetAccess {
  constructor(private readonly operations: OperationAccess) {}

  /** Narrows a query on `target` to what the actor may see (the operation's visibility included). */
  restrict(query: SelectQueryBuilder<Target>, actor: Actor, alias = 'target'): SelectQueryBuilder<Target> {
    query.andWhere(`${alias}.merged_into_id IS NULL`);
    if (actor.role === Role.Coordinator) return query;
    if (actor.role === Role.Admin)
      throw new ForbiddenError('Admins manage accounts; targets are for operational roles');
    query.andWhere(
      `EXISTS (SELECT 1 FROM operations visible_o WHERE visible_o.id = ${alias}.operation_id AND ${this.operationCondition(actor)})`,
      { visibleCountry: actor.country, visibleUser: actor.userId },
    );
    if (actor.role === Role.Investigator) {
      return query.andWhere(`(${alias}.status IN (:...sharedStatuses) OR ${alias}.nominating_country = :ownCountry)`, {
        sharedStatuses: SHARED_STATUSES,
        ownCountry: actor.country,
      });
    }
    return query.andWhere(`${alias}.status IN (:...sharedStatuses)`, { sharedStatuses: SHARED_STATUSES });
  }

  /** The target if the actor may see it; otherwise 404. `fields` loads only those, for hot paths. */
  async loadVisible(
    manager: EntityManager,
    actor: Actor,
    id: string,
    lock = false,
    fields?: (keyof Target)[],
  ): Promise<Target> {
    const query = this.restrict(manager.getRepository(Target).createQueryBuilder('target'), actor).andWhere(
      'target.id = :id',
      { id },
    );
    if (fields) query.select(fields.map((field) => `target.${field}`));
    if (lock) query.setLock('pessimistic_write');
    const target = await query.getOne();
    if (!target) throw new NotFoundError('Target');
    return target;
  }

  /** The operation, if visible, for work on its target list. */
  loadOperation(manager: EntityManager, actor: Actor, operationId: string, lock = false): Promise<Operation> {
    return this.operations.loadVisible(manager, actor, operationId, lock);
  }

  private operationCondition(actor: Actor): string {
    return actor.role === Role.Investigator
      ? 'EXISTS (SELECT 1 FROM participants visible_p WHERE visible_p.operation_id = visible_o.id AND visible_p.country = :visibleCountry)'
      : 'EXISTS (SELECT 1 FROM operation_members visible_m WHERE visible_m.operation_id = visible_o.id AND visible_m.user_id = :visibleUser)';
  }
}
