import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '@dragnet/platform';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { type Actor, Role, type SqlCondition } from '../common';
import { Target, TargetAccess } from '../targets';
import { NoticeRequest } from './notice-request.entity';
import { NOTICE_TYPES } from './request-type';

/** The notice types as an SQL list; they are constants of the code, never input. */
const NOTICE_TYPE_LIST = NOTICE_TYPES.map((type) => `'${type}'`).join(', ');

/**
 * Need to know for one request row (its target's visibility aside): coordinators see every request;
 * until it is submitted or circulated only its country does; then a notice is seen by whoever sees the
 * target, a diffusion only by its country and the recipients (every participant when sent to all).
 */
export function requestVisibleCondition(actor: Actor, alias: string): SqlCondition {
  const country = `${alias}_country`;
  switch (actor.role) {
    case Role.Coordinator:
      return { sql: 'TRUE', parameters: {} };
    case Role.Investigator:
      return {
        sql: `(${alias}.requesting_country = :${country} OR (${alias}.submitted_at IS NOT NULL AND (${alias}.type IN (${NOTICE_TYPE_LIST}) OR ${alias}.recipients_all OR :${country} = ANY(${alias}.recipients))))`,
        parameters: { [country]: actor.country },
      };
    case Role.Observer:
      return { sql: `(${alias}.submitted_at IS NOT NULL AND ${alias}.type IN (${NOTICE_TYPE_LIST}))`, parameters: {} };
    default:
      throw new ForbiddenError('Admins manage accounts; notices are for operational roles');
  }
}

@Injectable()
export class NoticeRequestAccess {
  constructor(private readonly targets: TargetAccess) {}

  /** Narrows a query on `request` to what the actor may see: the target first, then the request itself. */
  restrict(
    query: SelectQueryBuilder<NoticeRequest>,
    actor: Actor,
    alias = 'request',
  ): SelectQueryBuilder<NoticeRequest> {
    // Also hides the requests of a target merged into another, for coordinators too.
    const visibleTargets = this.targets.restrict(query.subQuery().select('target.id').from(Target, 'target'), actor);
    query.andWhere(`${alias}.target_id IN ${visibleTargets.getQuery()}`).setParameters(visibleTargets.getParameters());
    const condition = requestVisibleCondition(actor, alias);
    return query.andWhere(condition.sql, condition.parameters);
  }

  /** The request if the actor may see it; otherwise 404, whether it exists or not. */
  async loadVisible(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<NoticeRequest> {
    const query = this.restrict(manager.getRepository(NoticeRequest).createQueryBuilder('request'), actor).andWhere(
      'request.id = :requestId',
      { requestId: id },
    );
    if (lock) query.setLock('pessimistic_write');
    const request = await query.getOne();
    if (!request) throw new NotFoundError('Request');
    return request;
  }

  /** The target, if visible, for work on its requests. */
  loadTarget(manager: EntityManager, actor: Actor, targetId: string): Promise<Target> {
    return this.targets.loadVisible(manager, actor, targetId);
  }
}
