import { IllegalTransitionError } from '@dragnet/platform';
import { OperationStatus, operationWorkflow, takesLeadsAndTasks, takesNominations } from './operation-status';

describe('operation workflow', () => {
  const order = [
    OperationStatus.Planning,
    OperationStatus.Nomination,
    OperationStatus.Active,
    OperationStatus.FollowUp,
    OperationStatus.Closed,
  ];

  it('moves only one step forward', () => {
    for (const from of order) {
      for (const to of order) {
        expect([from, to, operationWorkflow.canMove(from, to)]).toEqual([
          from,
          to,
          order.indexOf(to) === order.indexOf(from) + 1,
        ]);
      }
    }
  });

  it('names the allowed moves when refusing one', () => {
    expect(() => operationWorkflow.assertMove(OperationStatus.Planning, OperationStatus.Closed)).toThrow(
      new IllegalTransitionError('Operation', 'planning', 'closed', ['nomination']),
    );
    expect(() => operationWorkflow.assertMove(OperationStatus.Closed, OperationStatus.Active)).toThrow(/allowed: none/);
  });

  it('takes nominations in planning and nomination, leads and tasks in active and follow-up', () => {
    expect(order.filter(takesNominations)).toEqual([OperationStatus.Planning, OperationStatus.Nomination]);
    expect(order.filter(takesLeadsAndTasks)).toEqual([OperationStatus.Active, OperationStatus.FollowUp]);
  });
});
