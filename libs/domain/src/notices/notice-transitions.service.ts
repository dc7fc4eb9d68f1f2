import { Injectable } from '@nestjs/common';
import { ConflictError, DomainError, ForbiddenError, InvalidInputError, LiveEventBus } from '@dragnet/platform';
import { DataSource, EntityManager } from 'typeorm';
import { type Actor, isUniqueViolation, Role } from '../common';
import { AuditService } from '../audit';
import type { Target } from '../targets';
import { latestSuspensionEnd, publicationDates, todayUtc } from './notice-dates';
import { checkRecipients } from './notice-request-fields';
import { NoticeRequest } from './notice-request.entity';
import { NoticeRequestsService, NoticeRequestView, toView } from './notice-requests.service';
import { requestingCountryMay, RequestStatus, workflowFor } from './request-status';
import { isDiffusion } from './request-type';

/** `YYYY/NNNNN`, the form of a published notice's reference. */
export const NOTICE_REFERENCE_PATTERN = /^\d{4}\/\d{5}$/;

export interface TransitionRequest {
  to: RequestStatus;
  reason?: string;
  /** Publishing: the notice's reference (YYYY/NNNNN). */
  reference?: string;
  /** Publishing: the publication date (YYYY-MM-DD), today by default; not in the future. */
  publishedAt?: string;
  /** Suspending: the day the suspension lapses, at most six months ahead (exactly six by default). */
  suspensionEnds?: string;
  /** Circulating a diffusion: its recipients, replacing those of the draft. */
  recipients?: string[];
  recipientsAll?: boolean;
  /** The version you read; a stale one answers 409. */
  version?: number;
}

/** Moves a coordinator must explain. */
const REASON_REQUIRED: readonly RequestStatus[] = [
  RequestStatus.Refused,
  RequestStatus.InfoRequested,
  RequestStatus.Suspended,
  RequestStatus.Cancelled,
];

const invalid = (field: string, message: string) =>
  new InvalidInputError(`Invalid field: ${field}`, [{ field, message }]);

/** Moves notice and diffusion requests along their workflows, checking the rules of each move. */
@Injectable()
export class NoticeTransitionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: NoticeRequestsService,
    private readonly audit: AuditService,
    private readonly live: LiveEventBus,
  ) {}

  async transition(actor: Actor, id: string, input: TransitionRequest): Promise<NoticeRequestView> {
    const view = await this.dataSource.transaction(async (manager) => {
      const { request, target } = await this.requests.loadWritable(manager, actor, id, input.version);
      const from = request.status;
      workflowFor(request.type).assertMove(from, input.to);
      this.assertMayMove(actor, request, input.to);
      this.assertFieldsApply(from, input);
      if (REASON_REQUIRED.includes(input.to) && !input.reason?.trim()) {
        throw invalid('reason', `a reason is required to move a request to ${input.to}`);
      }
      const details = await this.apply(manager, request, target, input);
      request.status = input.to;
      const saved = await this.save(manager, request);
      await this.requests.recordChange(manager, actor, saved, from, input.to, input.reason, details);
      await this.audit.record(manager, actor, {
        action: 'request.transition',
        entityType: 'notice_request',
        entityId: id,
        before: { status: from },
        after: { status: input.to, reason: input.reason ?? null, ...details },
      });
      return toView(saved);
    });
    // After the commit: the worker recomputes the operation's roll-up (requests by status) shortly.
    await this.live.publish({ operationId: view.operationId, type: 'request.status', entity: 'notice_request', id });
    return view;
  }

  private assertMayMove(actor: Actor, request: NoticeRequest, to: RequestStatus): void {
    if (actor.role === Role.Coordinator) return;
    const ownRequest = actor.role === Role.Investigator && actor.country === request.requestingCountry;
    if (ownRequest && requestingCountryMay(request.type, to)) return;
    throw new ForbiddenError(
      ownRequest
        ? `Only coordinators move a request to ${to}`
        : `Only coordinators and the requesting country (${request.requestingCountry}) move this request`,
    );
  }

  /** Publication, suspension and recipient fields belong to one move each; elsewhere they are refused, not ignored. */
  private assertFieldsApply(from: RequestStatus, input: TransitionRequest): void {
    const publishing = input.to === RequestStatus.Published && from === RequestStatus.UnderReview;
    const misplaced: [keyof TransitionRequest, boolean, string][] = [
      ['reference', publishing, 'publishing a notice'],
      ['publishedAt', publishing, 'publishing a notice'],
      ['suspensionEnds', input.to === RequestStatus.Suspended, 'suspending a notice'],
      ['recipients', input.to === RequestStatus.Circulated, 'circulating a diffusion'],
      ['recipientsAll', input.to === RequestStatus.Circulated, 'circulating a diffusion'],
    ];
    for (const [field, applies, move] of misplaced) {
      if (input[field] !== undefined && !applies) throw invalid(field, `${field} is given only when ${move}`);
    }
  }

  /** Applies what the move itself changes; returns what the history should show of it. */
  private async apply(
    manager: EntityManager,
    request: NoticeRequest,
    target: Target,
    input: TransitionRequest,
  ): Promise<Record<string, unknown>> {
    const today = todayUtc();
    switch (input.to) {
      case RequestStatus.Submitted:
        await this.assertCompliant(manager, request, target);
        request.submittedAt ??= new Date();
        return {};
      case RequestStatus.Published:
        return request.status === RequestStatus.Suspended
          ? this.liftSuspension(request)
          : this.publish(manager, request, input, today);
      case RequestStatus.Suspended:
        return this.suspend(request, input, today);
      case RequestStatus.Circulated:
        return this.circulate(request, input);
      case RequestStatus.Expired:
        if (!isDiffusion(request.type) && request.expiresAt && request.expiresAt > today) {
          throw new ConflictError(`The notice is valid until ${request.expiresAt}; it cannot expire before then`);
        }
        return {};
      default:
        return {};
    }
  }

  /** A red notice request that breaks a rule is refused whole, naming every rule it breaks. */
  private async assertCompliant(manager: EntityManager, request: NoticeRequest, target: Target): Promise<void> {
    const problems = await this.requests.problemsOf(manager, request, target);
    if (problems.length === 0) return;
    throw new DomainError(
      'unprocessable',
      `The red notice request does not meet ${problems.length} rule${problems.length === 1 ? '' : 's'}`,
      problems,
    );
  }

  private async publish(manager: EntityManager, request: NoticeRequest, input: TransitionRequest, today: string) {
    if (!input.reference) throw invalid('reference', 'reference is required to publish a notice');
    if (!NOTICE_REFERENCE_PATTERN.test(input.reference)) {
      throw invalid('reference', 'reference must have the form YYYY/NNNNN, e.g. 2016/12345');
    }
    const taken = await manager.existsBy(NoticeRequest, { reference: input.reference });
    if (taken) throw referenceTaken(input.reference);
    const publishedAt = input.publishedAt ?? today;
    if (publishedAt > today) throw invalid('publishedAt', 'publishedAt cannot be in the future');
    const dates = publicationDates(publishedAt);
    Object.assign(request, { reference: input.reference, ...dates });
    return { reference: input.reference, ...dates };
  }

  private liftSuspension(request: NoticeRequest) {
    const lifted = { suspendedAt: request.suspendedAt, suspensionEnds: request.suspensionEnds };
    Object.assign(request, { suspendedAt: null, suspensionEnds: null });
    return { liftedSuspension: lifted };
  }

  private suspend(request: NoticeRequest, input: TransitionRequest, today: string) {
    const latest = latestSuspensionEnd(today);
    const suspensionEnds = input.suspensionEnds ?? latest;
    if (suspensionEnds <= today) throw invalid('suspensionEnds', 'suspensionEnds must be after today');
    if (suspensionEnds > latest) {
      throw invalid('suspensionEnds', `a suspension lasts at most six months (until ${latest} at the latest)`);
    }
    Object.assign(request, { suspendedAt: today, suspensionEnds });
    return { suspendedAt: today, suspensionEnds };
  }

  private circulate(request: NoticeRequest, input: TransitionRequest) {
    const given = input.recipients !== undefined || input.recipientsAll !== undefined;
    const recipients = given
      ? checkRecipients(request.type, {
          recipients: input.recipients ?? [],
          recipientsAll: input.recipientsAll ?? false,
        })
      : { recipients: request.recipients, recipientsAll: request.recipientsAll };
    if (!recipients.recipientsAll && !recipients.recipients?.length) {
      throw new DomainError('unprocessable', 'A diffusion needs recipients', [
        { field: 'recipients', message: 'name the recipient countries, or set recipientsAll' },
      ]);
    }
    Object.assign(request, recipients, { submittedAt: new Date() });
    return { recipients: request.recipients, recipientsAll: request.recipientsAll };
  }

  private async save(manager: EntityManager, request: NoticeRequest): Promise<NoticeRequest> {
    try {
      return await manager.save(request);
    } catch (error) {
      // Two publications racing for the same reference: the index decides.
      if (isUniqueViolation(error, 'notice_requests_reference_key')) throw referenceTaken(request.reference);
      throw error;
    }
  }
}

const referenceTaken = (reference: string | null): ConflictError =>
  new ConflictError(`Another notice already has the reference ${reference}`, [
    { field: 'reference', message: 'reference must be unique' },
  ]);
