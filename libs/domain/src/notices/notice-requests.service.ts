import { Injectable } from '@nestjs/common';
import {
  ConflictError,
  ForbiddenError,
  LiveEventBus,
  type FieldProblem,
  assertCurrentVersion,
} from '@dragnet/platform';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { type Actor, recordChange, Role } from '../common';
import { AuditService } from '../audit';
import { type Target, TargetsService, TargetStatus, Warrant } from '../targets';
import { suspensionLapsed, todayUtc } from './notice-dates';
import { checkRecipients, NewRequest, RequestFields } from './notice-request-fields';
import { NoticeRequestAccess } from './notice-request-access';
import { NoticeRequestChange } from './notice-request-change.entity';
import { NoticeRequest } from './notice-request.entity';
import { redNoticeProblems } from './red-notice-rules';
import { FINAL_STATUSES, RequestStatus } from './request-status';
import { RequestType } from './request-type';

/** A request as clients see it: the row, and whether a suspension has run out. */
export type NoticeRequestView = NoticeRequest & {
  /** Suspended, and the suspension end has passed: the notice is due back to published. */
  suspensionLapsed: boolean;
};

export interface Compliance {
  compliant: boolean;
  problems: FieldProblem[];
}

/** No new request for a person who left the list or died. */
const CLOSED_TARGET_STATUSES: readonly TargetStatus[] = [
  TargetStatus.Rejected,
  TargetStatus.Deceased,
  TargetStatus.Withdrawn,
];

export const toView = (request: NoticeRequest, today = todayUtc()): NoticeRequestView =>
  Object.assign(request, {
    suspensionLapsed: request.status === RequestStatus.Suspended && suspensionLapsed(request.suspensionEnds, today),
  });

/** Notice and diffusion requests: drafting, reading, the red notice check, and the history. */
@Injectable()
export class NoticeRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: NoticeRequestAccess,
    private readonly targets: TargetsService,
    private readonly audit: AuditService,
    private readonly live: LiveEventBus,
  ) {}

  async create(actor: Actor, targetId: string, input: NewRequest): Promise<NoticeRequestView> {
    const view = await this.dataSource.transaction(async (manager) => {
      // Locks the target, so two drafts of the same request cannot both pass the check below.
      const target = await this.targets.loadWritable(manager, actor, targetId);
      const requestingCountry = this.requestingCountryFor(actor, target, input.requestingCountry);
      if (CLOSED_TARGET_STATUSES.includes(target.status)) {
        throw new ConflictError(`No new request for a target that is ${target.status}`);
      }
      const { requestingCountry: _given, ...fields } = checkRecipients(input.type, input);
      await this.assertNoOpenRequest(manager, target.id, input.type, requestingCountry);
      const request = await manager.save(
        manager.create(NoticeRequest, {
          ...fields,
          operationId: target.operationId,
          targetId: target.id,
          requestingCountry,
          requestedBy: actor.userId,
          status: RequestStatus.Draft,
        }),
      );
      await this.recordChange(manager, actor, request, null, RequestStatus.Draft);
      await this.audit.record(manager, actor, {
        action: 'request.create',
        entityType: 'notice_request',
        entityId: request.id,
        after: request,
      });
      return toView(request);
    });
    // After the commit: the worker recomputes the operation's roll-up (requests by status) shortly.
    await this.live.publish({
      operationId: view.operationId,
      type: 'request.created',
      entity: 'notice_request',
      id: view.id,
    });
    return view;
  }

  /** Changes a draft; a stale `version` answers 409 and changes nothing. */
  async update(actor: Actor, id: string, changes: RequestFields, version: number): Promise<NoticeRequestView> {
    return this.dataSource.transaction(async (manager) => {
      const { request } = await this.loadWritable(manager, actor, id, version);
      this.assertRequestingSide(actor, request, 'change');
      if (request.status !== RequestStatus.Draft) {
        throw new ConflictError(`Only a draft can be changed; this request is ${request.status}`);
      }
      const before = { ...request };
      const merged = checkRecipients(request.type, {
        recipients: request.recipients,
        recipientsAll: request.recipientsAll,
        ...changes,
      });
      const saved = await manager.save(Object.assign(request, merged));
      await this.audit.record(manager, actor, {
        action: 'request.update',
        entityType: 'notice_request',
        entityId: id,
        before,
        after: saved,
      });
      return toView(saved);
    });
  }

  async get(actor: Actor, id: string): Promise<NoticeRequestView> {
    return toView(await this.access.loadVisible(this.dataSource.manager, actor, id));
  }

  async history(actor: Actor, id: string): Promise<NoticeRequestChange[]> {
    await this.access.loadVisible(this.dataSource.manager, actor, id);
    return this.dataSource.getRepository(NoticeRequestChange).find({ where: { requestId: id }, order: { id: 'ASC' } });
  }

  /** The red notice rules the request does not meet yet (none for other types). */
  async compliance(actor: Actor, id: string): Promise<Compliance> {
    const manager = this.dataSource.manager;
    const request = await this.access.loadVisible(manager, actor, id);
    const target = await this.access.loadTarget(manager, actor, request.targetId);
    const problems = await this.problemsOf(manager, request, target);
    return { compliant: problems.length === 0, problems };
  }

  async problemsOf(manager: EntityManager, request: NoticeRequest, target: Target): Promise<FieldProblem[]> {
    if (request.type !== RequestType.Red) return [];
    const warrants = await manager.find(Warrant, {
      where: { targetId: target.id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return redNoticeProblems({ target, warrants, article3Attested: request.article3Attested });
  }

  /**
   * Locks a visible request and its target for a change: the operation must not be closed and the
   * version, when given, must match.
   */
  async loadWritable(
    manager: EntityManager,
    actor: Actor,
    id: string,
    version?: number,
  ): Promise<{ request: NoticeRequest; target: Target }> {
    const request = await this.access.loadVisible(manager, actor, id, true);
    const target = await this.targets.loadWritable(manager, actor, request.targetId);
    assertCurrentVersion('request', request.version, version);
    return { request, target };
  }

  /** Coordinators, or investigators of the requesting country. */
  assertRequestingSide(actor: Actor, request: NoticeRequest, what: string): void {
    if (actor.role === Role.Coordinator) return;
    if (actor.role === Role.Investigator && actor.country === request.requestingCountry) return;
    throw new ForbiddenError(`Only coordinators and the requesting country (${request.requestingCountry}) ${what} it`);
  }

  async recordChange(
    manager: EntityManager,
    actor: Actor,
    request: NoticeRequest,
    from: RequestStatus | null,
    to: RequestStatus,
    reason?: string,
    details?: Record<string, unknown>,
  ): Promise<void> {
    await recordChange(manager, NoticeRequestChange, actor, {
      requestId: request.id,
      fromStatus: from,
      toStatus: to,
      reason: reason ?? null,
      details: details && Object.keys(details).length > 0 ? details : null,
    });
  }

  private requestingCountryFor(actor: Actor, target: Target, requested: string | undefined): string {
    if (actor.role === Role.Coordinator) return requested ?? target.wantedByCountry;
    if (actor.role !== Role.Investigator || actor.country !== target.wantedByCountry) {
      throw new ForbiddenError(
        `Only coordinators and investigators of the wanted-by country (${target.wantedByCountry}) draft requests for this target`,
      );
    }
    if (requested && requested !== actor.country) {
      throw new ForbiddenError(`An investigator requests for its own country (${actor.country}) only`);
    }
    return actor.country;
  }

  /** One open request of each type per target and requesting country. */
  private async assertNoOpenRequest(
    manager: EntityManager,
    targetId: string,
    type: RequestType,
    requestingCountry: string,
  ): Promise<void> {
    const open = await manager.findOne(NoticeRequest, {
      where: { targetId, type, requestingCountry, status: Not(In([...FINAL_STATUSES])) },
    });
    if (open) {
      throw new ConflictError(
        `${requestingCountry} already has an open ${type} request for this target (${open.status})`,
        [{ field: 'type', message: `open request ${open.id}` }],
      );
    }
  }
}
