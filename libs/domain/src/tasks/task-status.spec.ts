import { IllegalTransitionError } from '@dragnet/platform';
import { ASSIGNED_COUNTRY_MOVES, isOverdue, TaskStatus as S, taskWorkflow } from './task-status';

const ALL = Object.values(S);
const moves = () =>
  ALL.flatMap((from) => ALL.filter((to) => taskWorkflow.canMove(from, to)).map((to) => `${from}>${to}`)).sort();

describe('task workflow', () => {
  it('allows exactly the moves of the domain guide', () => {
    expect(moves()).toEqual(
      [
        'open>acknowledged',
        'acknowledged>in_progress',
        'in_progress>done',
        'open>cancelled',
        'acknowledged>cancelled',
        'in_progress>cancelled',
      ].sort(),
    );
  });

  it('leaves acknowledging, working and completing to the assigned country', () => {
    expect(ASSIGNED_COUNTRY_MOVES).toEqual([S.Acknowledged, S.InProgress, S.Done]);
  });

  it('names the allowed moves when refusing one', () => {
    expect(() => taskWorkflow.assertMove(S.Open, S.Done)).toThrow(
      new IllegalTransitionError('Task', 'open', 'done', ['acknowledged', 'cancelled']),
    );
    expect(() => taskWorkflow.assertMove(S.Done, S.Open)).toThrow(/allowed: none/);
  });

  it('counts a task overdue past its due date until it is done or cancelled', () => {
    const now = new Date('2016-05-12T12:00:00Z');
    const due = new Date('2016-05-12T11:59:59Z');
    expect(isOverdue({ status: S.Open, dueAt: due }, now)).toBe(true);
    expect(isOverdue({ status: S.InProgress, dueAt: due }, now)).toBe(true);
    expect(isOverdue({ status: S.Done, dueAt: due }, now)).toBe(false);
    expect(isOverdue({ status: S.Cancelled, dueAt: due }, now)).toBe(false);
    expect(isOverdue({ status: S.Open, dueAt: new Date('2016-05-12T12:00:01Z') }, now)).toBe(false);
    expect(isOverdue({ status: S.Open, dueAt: null }, now)).toBe(false);
  });
});
