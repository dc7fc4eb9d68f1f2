import { StateMachine } from '../common';
import { isDiffusion, RequestType } from './request-type';

/** One status list for notices and diffusions; each kind uses its own subset. */
export enum RequestStatus {
  Draft = 'draft',
  Submitted = 'submitted',
  UnderReview = 'under_review',
  InfoRequested = 'info_requested',
  Published = 'published',
  Refused = 'refused',
  Suspended = 'suspended',
  Circulated = 'circulated',
  Withdrawn = 'withdrawn',
  Cancelled = 'cancelled',
  Expired = 'expired',
}

const S = RequestStatus;

export const noticeWorkflow = new StateMachine<RequestStatus>('Notice request', {
  // A draft may be abandoned by its country before it is ever submitted.
  [S.Draft]: [S.Submitted, S.Withdrawn],
  [S.Submitted]: [S.UnderReview],
  [S.UnderReview]: [S.Published, S.Refused, S.InfoRequested],
  [S.InfoRequested]: [S.Submitted],
  [S.Published]: [S.Suspended, S.Withdrawn, S.Cancelled, S.Expired],
  // Lifting a suspension.
  [S.Suspended]: [S.Published],
  [S.Refused]: [],
  [S.Circulated]: [],
  [S.Withdrawn]: [],
  [S.Cancelled]: [],
  [S.Expired]: [],
});

/** Diffusions go from the NCB straight to the recipients, without review. */
export const diffusionWorkflow = new StateMachine<RequestStatus>('Diffusion', {
  [S.Draft]: [S.Circulated, S.Withdrawn],
  [S.Circulated]: [S.Withdrawn, S.Expired],
  [S.Submitted]: [],
  [S.UnderReview]: [],
  [S.InfoRequested]: [],
  [S.Published]: [],
  [S.Refused]: [],
  [S.Suspended]: [],
  [S.Withdrawn]: [],
  [S.Cancelled]: [],
  [S.Expired]: [],
});

export const workflowFor = (type: RequestType): StateMachine<RequestStatus> =>
  isDiffusion(type) ? diffusionWorkflow : noticeWorkflow;

/**
 * Moves the requesting country makes itself (it drafts, submits, answers an info request, withdraws;
 * a diffusion it also circulates and lets expire). Every other move is a coordinator's review.
 */
export const REQUESTING_COUNTRY_MOVES = {
  notice: [S.Submitted, S.Withdrawn] as readonly RequestStatus[],
  diffusion: [S.Circulated, S.Withdrawn, S.Expired] as readonly RequestStatus[],
};

export const requestingCountryMay = (type: RequestType, to: RequestStatus): boolean =>
  REQUESTING_COUNTRY_MOVES[isDiffusion(type) ? 'diffusion' : 'notice'].includes(to);

/** Statuses after which a request can no longer change. */
export const FINAL_STATUSES: readonly RequestStatus[] = [S.Refused, S.Withdrawn, S.Cancelled, S.Expired];
