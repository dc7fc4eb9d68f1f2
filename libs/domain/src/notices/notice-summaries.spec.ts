import { isRedInForce } from './notice-summaries';
import { RequestStatus as S } from './request-status';
import { RequestType as T } from './request-type';

const today = '2026-11-23';
const red = (status: S, expiresAt: string | null = '2031-01-01', suspensionEnds: string | null = null) => ({
  type: T.Red,
  status,
  expiresAt,
  suspensionEnds,
});

describe('a red notice or diffusion in force', () => {
  it('is a published red notice until it expires', () => {
    expect(isRedInForce(red(S.Published), today)).toBe(true);
    expect(isRedInForce(red(S.Published, '2026-11-24'), today)).toBe(true);
    expect(isRedInForce(red(S.Published, today), today)).toBe(false);
    for (const status of [S.Draft, S.Submitted, S.UnderReview, S.Refused, S.Withdrawn, S.Cancelled, S.Expired]) {
      expect([status, isRedInForce(red(status), today)]).toEqual([status, false]);
    }
  });

  it('is not a suspended one, until the suspension lapses', () => {
    expect(isRedInForce(red(S.Suspended, '2031-01-01', '2026-11-24'), today)).toBe(false);
    expect(isRedInForce(red(S.Suspended, '2031-01-01', today), today)).toBe(true);
  });

  it('is a circulated red diffusion, but neither another notice nor another diffusion', () => {
    expect(isRedInForce({ ...red(S.Circulated, null), type: T.RedDiffusion }, today)).toBe(true);
    expect(isRedInForce({ ...red(S.Withdrawn, null), type: T.RedDiffusion }, today)).toBe(false);
    expect(isRedInForce({ ...red(S.Circulated, null), type: T.BlueDiffusion }, today)).toBe(false);
    expect(isRedInForce({ ...red(S.Published), type: T.Yellow }, today)).toBe(false);
  });
});
