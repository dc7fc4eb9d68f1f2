import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '@dragnet/platform';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { type Actor, Role, type SqlCondition } from '../common';
import { type Operation, OperationAccess } from '../operations';
import { Task } from './task.entity';

/**
 * Need to know for tasks, as SQL on the `tasks` row `alias`: coordinators see every task; an
 * investigator only its own country's, in operations its country takes part in. Observers see no
 * task: tasking is operational work, not part of their read-only view.
 */
export function taskVisibleCondition(actor: Actor, alias: string): SqlCondition {
  const country = `${alias}_country`;
  switch (actor.role) {
    case Role.Coordinator:
      return { sql: 'TRUE', parameters: {} };
    case Role.Investigator:
      return {
        sql: `(${alias}.assigned_country = :${country} AND EXISTS (SELECT 1 FROM participants ${alias}_p WHERE ${alias}_p.operation_id = ${alias}.operation_id AND ${alias}_p.country = :${country}))`,
        parameters: { [country]: actor.country },
      };
    case Role.Observer:
      throw new ForbiddenError('Observers do not see tasks');
    default:
      throw new ForbiddenError('Admins manage accounts; tasks are for operational roles');
  }
}

@Injectable()
export class TaskAccess {
  constructor(private readonly operations: OperationAccess) {}

  restrict(query: SelectQueryBuilder<Task>, actor: Actor, alias = 'task'): SelectQueryBuilder<Task> {
    const condition = taskVisibleCondition(actor, alias);
    return query.andWhere(condition.sql, condition.parameters);
  }

  /** The task if the actor may see it; otherwise 404, whether it exists or not. */
  async loadVisible(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<Task> {
    const query = this.restrict(manager.getRepository(Task).createQueryBuilder('task'), actor).andWhere(
      'task.id = :taskId',
      { taskId: id },
    );
    if (lock) query.setLock('pessimistic_write');
    const task = await query.getOne();
    if (!task) throw new NotFoundError('Task');
    return task;
  }

  loadOperation(manager: EntityManager, actor: Actor, operationId: string): Promise<Operation> {
    return this.operations.loadVisible(manager, actor, operationId);
  }
}
