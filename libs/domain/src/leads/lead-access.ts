import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '@dragnet/platform';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { type Actor, Role, type SqlCondition } from '../common';
import type { Operation } from '../operations';
import { SHARED_STATUSES, type Target, TargetAccess } from '../targets';
import { Lead } from './lead.entity';
import { HandlingCode } from './lead-vocabulary';

/** Constants of the code, never input, so they may be written into SQL. */
const OPEN_HANDLING = `('${HandlingCode.H0}', '${HandlingCode.H1}')`;
const SHARED_TARGET = `(${SHARED_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/**
 * Need to know for leads, as SQL on the `leads` row `alias`:
 * - coordinators see every lead;
 * - an investigator, in operations its country takes part in, the leads its country reported, and
 *   the H0/H1 leads located in its country or about a target its country wants;
 * - an observer, in operations it is a member of, the H0/H1 leads;
 * and only about targets the caller may see on the list (accepted and later, or nominated by its country).
 * Leads stay with a target merged into another, and show in the survivor's timeline.
 */
export function leadVisibleCondition(actor: Actor, alias: string): SqlCondition {
  const country = `${alias}_country`;
  const user = `${alias}_user`;
  const target = `${alias}_target`;
  switch (actor.role) {
    case Role.Coordinator:
      return { sql: 'TRUE', parameters: {} };
    case Role.Investigator:
      return {
        sql: `(EXISTS (SELECT 1 FROM participants ${alias}_p WHERE ${alias}_p.operation_id = ${alias}.operation_id AND ${alias}_p.country = :${country})
          AND EXISTS (SELECT 1 FROM targets ${target} WHERE ${target}.id = ${alias}.target_id
            AND (${target}.status IN ${SHARED_TARGET} OR ${target}.nominating_country = :${country})
            AND (${alias}.reporting_country = :${country}
              OR (${alias}.handling_code IN ${OPEN_HANDLING}
                AND (${alias}.country = :${country} OR ${target}.wanted_by_country = :${country})))))`,
        parameters: { [country]: actor.country },
      };
    case Role.Observer:
      return {
        sql: `(${alias}.handling_code IN ${OPEN_HANDLING}
          AND EXISTS (SELECT 1 FROM operation_members ${alias}_m WHERE ${alias}_m.operation_id = ${alias}.operation_id AND ${alias}_m.user_id = :${user})
          AND EXISTS (SELECT 1 FROM targets ${target} WHERE ${target}.id = ${alias}.target_id AND ${target}.status IN ${SHARED_TARGET}))`,
        parameters: { [user]: actor.userId },
      };
    default:
      throw new ForbiddenError('Admins manage accounts; leads are for operational roles');
  }
}

@Injectable()
export class LeadAccess {
  constructor(private readonly targets: TargetAccess) {}

  /** Narrows a query on `lead` to what the actor may see. */
  restrict(query: SelectQueryBuilder<Lead>, actor: Actor, alias = 'lead'): SelectQueryBuilder<Lead> {
    const condition = leadVisibleCondition(actor, alias);
    return query.andWhere(condition.sql, condition.parameters);
  }

  /** The lead if the actor may see it; otherwise 404, whether it exists or not. */
  async loadVisible(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<Lead> {
    const query = this.restrict(manager.getRepository(Lead).createQueryBuilder('lead'), actor).andWhere(
      'lead.id = :leadId',
      { leadId: id },
    );
    if (lock) query.setLock('pessimistic_write');
    const lead = await query.getOne();
    if (!lead) throw new NotFoundError('Lead');
    return lead;
  }

  /** The operation, if visible, for its lists. */
  loadOperation(manager: EntityManager, actor: Actor, operationId: string): Promise<Operation> {
    return this.targets.loadOperation(manager, actor, operationId);
  }

  /** The target, if visible, for work on its leads (only `fields` when given). */
  loadTarget(manager: EntityManager, actor: Actor, targetId: string, fields?: (keyof Target)[]): Promise<Target> {
    return this.targets.loadVisible(manager, actor, targetId, false, fields);
  }
}
