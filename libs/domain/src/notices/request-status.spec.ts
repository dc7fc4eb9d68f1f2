import { IllegalTransitionError } from '@dragnet/platform';
import {
  diffusionWorkflow,
  noticeWorkflow,
  requestingCountryMay,
  RequestStatus as S,
  workflowFor,
} from './request-status';
import { DIFFUSION_TYPES, isDiffusion, NOTICE_TYPES, RequestType } from './request-type';

const ALL = Object.values(S);

/** Every allowed move of a workflow as "from>to", to compare with the domain guide's list. */
const movesOf = (workflow: typeof noticeWorkflow) =>
  ALL.flatMap((from) => ALL.filter((to) => workflow.canMove(from, to)).map((to) => `${from}>${to}`)).sort();

describe('notice and diffusion workflows', () => {
  it('allows exactly the notice moves of the domain guide, and the withdrawal of a draft', () => {
    expect(movesOf(noticeWorkflow)).toEqual(
      [
        'draft>submitted',
        'draft>withdrawn',
        'submitted>under_review',
        'under_review>published',
        'under_review>refused',
        'under_review>info_requested',
        'info_requested>submitted',
        'published>suspended',
        'suspended>published',
        'published>withdrawn',
        'published>cancelled',
        'published>expired',
      ].sort(),
    );
  });

  it('allows exactly the diffusion moves: straight to circulated, without review', () => {
    expect(movesOf(diffusionWorkflow)).toEqual(
      ['draft>circulated', 'draft>withdrawn', 'circulated>withdrawn', 'circulated>expired'].sort(),
    );
  });

  it('ends in refused, withdrawn, cancelled and expired', () => {
    for (const final of [S.Refused, S.Withdrawn, S.Cancelled, S.Expired]) {
      expect(noticeWorkflow.allowedFrom(final)).toEqual([]);
      expect(diffusionWorkflow.allowedFrom(final)).toEqual([]);
    }
  });

  it('names the allowed moves when refusing one', () => {
    expect(() => noticeWorkflow.assertMove(S.Draft, S.Published)).toThrow(
      new IllegalTransitionError('Notice request', 'draft', 'published', ['submitted', 'withdrawn']),
    );
    expect(() => diffusionWorkflow.assertMove(S.Draft, S.Submitted)).toThrow(
      /Diffusion cannot move from 'draft' to 'submitted'; allowed: circulated, withdrawn/,
    );
  });

  it('picks the workflow by type', () => {
    expect(workflowFor(RequestType.Red)).toBe(noticeWorkflow);
    expect(workflowFor(RequestType.UnSpecial)).toBe(noticeWorkflow);
    expect(workflowFor(RequestType.RedDiffusion)).toBe(diffusionWorkflow);
    expect(NOTICE_TYPES).toHaveLength(9);
    expect(DIFFUSION_TYPES.every(isDiffusion)).toBe(true);
    expect(NOTICE_TYPES.some(isDiffusion)).toBe(false);
  });

  it('leaves the requesting country to submit and withdraw notices, circulate, withdraw and expire diffusions', () => {
    const countryMoves = (type: RequestType) => ALL.filter((to) => requestingCountryMay(type, to));
    expect(countryMoves(RequestType.Red)).toEqual([S.Submitted, S.Withdrawn]);
    expect(countryMoves(RequestType.BlueDiffusion)).toEqual([S.Circulated, S.Withdrawn, S.Expired]);
  });
});
