import { Injectable } from '@nestjs/common';
import type { Page, PageRequest } from '@dragnet/platform';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../common';
import { Target, TargetAccess, type TargetRequestSummary, TargetStatus } from '../targets';
import { NoticeRequestAccess } from './notice-request-access';
import { NoticeRequest } from './notice-request.entity';
import { NoticeRequestView, toView } from './notice-requests.service';
import { redNoticeOrDiffusionCondition, summariseRequests } from './notice-summaries';
import { todayUtc } from './notice-dates';
import { RequestStatus } from './request-status';
import { RequestType } from './request-type';

export interface RequestFilter {
  type?: RequestType;
  status?: RequestStatus;
  requestingCountry?: string;
  /** Only requests about targets with no red notice in force nor circulated red diffusion (that you may see). */
  withoutPublishedRedNotice?: boolean;
}

/** A target still sought without a red notice or red diffusion, with its requests so far. */
export interface TargetWithoutRedNotice {
  id: string;
  reference: string;
  familyName: string;
  givenNames: string;
  status: TargetStatus;
  wantedByCountry: string;
  nominatingCountry: string;
  requests: TargetRequestSummary;
}

/** Statuses of a person still sought, for whom a red notice or diffusion is the basis of an arrest abroad. */
const SOUGHT_STATUSES: readonly TargetStatus[] = [TargetStatus.Accepted, TargetStatus.Located];

@Injectable()
export class NoticeRequestListsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: NoticeRequestAccess,
    private readonly targetAccess: TargetAccess,
  ) {}

  async forTarget(
    actor: Actor,
    targetId: string,
    filter: RequestFilter,
    page: PageRequest,
  ): Promise<Page<NoticeRequestView>> {
    await this.access.loadTarget(this.dataSource.manager, actor, targetId);
    return this.page(this.query(actor, filter).andWhere('request.target_id = :targetId', { targetId }), page);
  }

  async forOperation(
    actor: Actor,
    operationId: string,
    filter: RequestFilter,
    page: PageRequest,
  ): Promise<Page<NoticeRequestView>> {
    await this.targetAccess.loadOperation(this.dataSource.manager, actor, operationId);
    return this.page(this.query(actor, filter).andWhere('request.operation_id = :operationId', { operationId }), page);
  }

  /** The operation's accepted and located targets that have no red notice in force nor circulated red diffusion. */
  async targetsWithoutRedNotice(
    actor: Actor,
    operationId: string,
    page: PageRequest,
  ): Promise<Page<TargetWithoutRedNotice>> {
    await this.targetAccess.loadOperation(this.dataSource.manager, actor, operationId);
    const live = redNoticeOrDiffusionCondition(actor, 'target.id');
    const [targets, total] = await this.targetAccess
      .restrict(this.dataSource.getRepository(Target).createQueryBuilder('target'), actor)
      .andWhere('target.operation_id = :operationId', { operationId })
      .andWhere('target.status IN (:...soughtStatuses)', { soughtStatuses: SOUGHT_STATUSES })
      .andWhere(`NOT ${live.sql}`, live.parameters)
      .orderBy('target.reference', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    const summaries = await this.summaryFor(
      actor,
      targets.map((target) => target.id),
    );
    const items = targets.map((target) => ({
      id: target.id,
      reference: target.reference,
      familyName: target.familyName,
      givenNames: target.givenNames,
      status: target.status,
      wantedByCountry: target.wantedByCountry,
      nominatingCountry: target.nominatingCountry,
      requests: summaries.get(target.id)!,
    }));
    return { items, total, ...page };
  }

  /** Each target's current notice and diffusion state as the actor may see it; the targets must be visible to it. */
  summaryFor(actor: Actor, targetIds: string[]): Promise<Map<string, TargetRequestSummary>> {
    return summariseRequests(this.dataSource.manager, actor, targetIds);
  }

  private query(actor: Actor, filter: RequestFilter): SelectQueryBuilder<NoticeRequest> {
    const query = this.access.restrict(
      this.dataSource.getRepository(NoticeRequest).createQueryBuilder('request'),
      actor,
    );
    if (filter.type) query.andWhere('request.type = :type', { type: filter.type });
    if (filter.status) query.andWhere('request.status = :status', { status: filter.status });
    if (filter.requestingCountry) {
      query.andWhere('request.requesting_country = :requestingCountry', {
        requestingCountry: filter.requestingCountry,
      });
    }
    if (filter.withoutPublishedRedNotice !== undefined) {
      const live = redNoticeOrDiffusionCondition(actor, 'request.target_id');
      query.andWhere(filter.withoutPublishedRedNotice ? `NOT ${live.sql}` : live.sql, live.parameters);
    }
    return query.orderBy('request.created_at', 'DESC').addOrderBy('request.id', 'DESC');
  }

  private async page(query: SelectQueryBuilder<NoticeRequest>, page: PageRequest): Promise<Page<NoticeRequestView>> {
    const [requests, total] = await query.take(page.limit).skip(page.offset).getManyAndCount();
    const today = todayUtc();
    return { items: requests.map((request) => toView(request, today)), total, ...page };
  }
}
