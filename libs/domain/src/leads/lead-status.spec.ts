import { IllegalTransitionError } from '@dragnet/platform';
import { LeadStatus as S, leadWorkflow, OPEN_LEAD_STATUSES } from './lead-status';

const ALL = Object.values(S);
const moves = () =>
  ALL.flatMap((from) => ALL.filter((to) => leadWorkflow.canMove(from, to)).map((to) => `${from}>${to}`)).sort();

describe('lead workflow', () => {
  it('allows exactly the moves of the domain guide', () => {
    expect(moves()).toEqual(
      [
        'new>under_assessment',
        'under_assessment>actioned',
        'actioned>confirmed',
        'actioned>disproved',
        'new>closed',
        'under_assessment>closed',
        'actioned>closed',
      ].sort(),
    );
  });

  it('closes any open lead, and ends in confirmed, disproved and closed', () => {
    for (const open of OPEN_LEAD_STATUSES) expect(leadWorkflow.canMove(open, S.Closed)).toBe(true);
    for (const final of [S.Confirmed, S.Disproved, S.Closed]) expect(leadWorkflow.allowedFrom(final)).toEqual([]);
  });

  it('names the allowed moves when refusing one', () => {
    expect(() => leadWorkflow.assertMove(S.New, S.Confirmed)).toThrow(
      new IllegalTransitionError('Lead', 'new', 'confirmed', ['under_assessment', 'closed']),
    );
  });
});
