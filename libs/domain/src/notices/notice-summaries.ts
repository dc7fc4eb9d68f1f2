import { Injectable } from '@nestjs/common';
import { getManyPrepared } from '@dragnet/platform';
import type { EntityManager } from 'typeorm';
import type { Actor, SqlCondition } from '../common';
import { type RequestState, TargetRequestSummaries, type TargetRequestSummary } from '../targets';
import { requestVisibleCondition } from './notice-request-access';
import { NoticeRequest } from './notice-request.entity';
import { suspensionLapsed, todayUtc } from './notice-dates';
import { RequestStatus } from './request-status';
import { isDiffusion, RequestType } from './request-type';

/** UTC today in SQL, so SQL and `todayUtc()` agree whatever the session's time zone. */
const SQL_TODAY = `(now() AT TIME ZONE 'UTC')::date`;

/** SQL for "this request row is an arrest basis in force": the same rule as `isRedInForce`. */
function redInForceSql(alias: string): string {
  return `((${alias}.type = '${RequestType.Red}' AND ${alias}.expires_at > ${SQL_TODAY} AND (${alias}.status = '${RequestStatus.Published}' OR (${alias}.status = '${RequestStatus.Suspended}' AND ${alias}.suspension_ends <= ${SQL_TODAY})))
    OR (${alias}.type = '${RequestType.RedDiffusion}' AND ${alias}.status = '${RequestStatus.Circulated}'))`;
}

/** A published red notice not yet expired (a lapsed suspension counts as published), or a circulated red diffusion. */
export function isRedInForce(
  request: Pick<NoticeRequest, 'type' | 'status' | 'expiresAt' | 'suspensionEnds'>,
  today = todayUtc(),
): boolean {
  if (request.type === RequestType.RedDiffusion) return request.status === RequestStatus.Circulated;
  if (request.type !== RequestType.Red || !request.expiresAt || request.expiresAt <= today) return false;
  return (
    request.status === RequestStatus.Published ||
    (request.status === RequestStatus.Suspended && suspensionLapsed(request.suspensionEnds, today))
  );
}

/**
 * SQL condition "the target has a red notice in force or a circulated red diffusion that the actor may
 * see", for a query where `targetIdSql` names the target's id (e.g. `target.id`). Negate it for the
 * targets still lacking one. Its parameter is named `live_red_country`.
 */
export function redNoticeOrDiffusionCondition(actor: Actor, targetIdSql = 'target.id'): SqlCondition {
  const visible = requestVisibleCondition(actor, 'live_red');
  return {
    sql: `EXISTS (SELECT 1 FROM notice_requests live_red WHERE live_red.target_id = ${targetIdSql} AND ${redInForceSql('live_red')} AND ${visible.sql})`,
    parameters: visible.parameters,
  };
}

/** Each target's current notice and diffusion state; the caller has checked the targets are visible. */
export async function summariseRequests(
  manager: EntityManager,
  actor: Actor,
  targetIds: string[],
): Promise<Map<string, TargetRequestSummary>> {
  const summaries = new Map<string, TargetRequestSummary>(
    targetIds.map((id) => [id, { hasRedNoticeOrDiffusion: false, notices: [], diffusions: [] }]),
  );
  if (targetIds.length === 0) return summaries;
  const visible = requestVisibleCondition(actor, 'request');
  // Beside every target list and detail: the statement is written once per role (the number of ids
  // changes only the bound values).
  const requests = await getManyPrepared(
    manager,
    manager
      .getRepository(NoticeRequest)
      .createQueryBuilder('request')
      .where('request.target_id IN (:...summaryTargetIds)', { summaryTargetIds: targetIds })
      .andWhere(visible.sql, visible.parameters)
      .orderBy('request.created_at', 'DESC')
      .addOrderBy('request.id', 'DESC'),
    `notice.summaries:${actor.role}`,
  );
  const today = todayUtc();
  const seen = new Set<string>();
  for (const request of requests) {
    const summary = summaries.get(request.targetId);
    if (!summary) continue;
    if (isRedInForce(request, today)) summary.hasRedNoticeOrDiffusion = true;
    // Newest first: the first of each type and country is the current one.
    const key = `${request.targetId}/${request.type}/${request.requestingCountry}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (isDiffusion(request.type) ? summary.diffusions : summary.notices).push(stateOf(request));
  }
  return summaries;
}

const stateOf = (request: NoticeRequest): RequestState => ({
  id: request.id,
  type: request.type,
  status: request.status,
  requestingCountry: request.requestingCountry,
  reference: request.reference,
  expiresAt: request.expiresAt,
  suspensionEnds: request.suspensionEnds,
});

/** The notices area's side of the port a target's view reads its request summary through. */
@Injectable()
export class NoticeRequestSummaries extends TargetRequestSummaries {
  summarise(manager: EntityManager, actor: Actor, targetIds: string[]): Promise<Map<string, TargetRequestSummary>> {
    return summariseRequests(manager, actor, targetIds);
  }

  redNoticeOrDiffusionCondition(actor: Actor, targetIdSql: string): SqlCondition {
    return redNoticeOrDiffusionCondition(actor, targetIdSql);
  }
}
