import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '@dragnet/platform';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { type Actor, Role } from '../common';
import { Operation } from './operation.entity';

/**
 * Who may see which operation: coordinators all; investigators those their country takes part in;
 * observers those they are members of; admins none (they manage accounts only).
 */
@Injectable()
export class OperationAccess {
  /** Narrows a query on `operation` to what the actor may see. */
  restrict<T extends object>(query: SelectQueryBuilder<T>, actor: Actor, alias = 'operation'): SelectQueryBuilder<T> {
    switch (actor.role) {
      case Role.Coordinator:
        return query;
      case Role.Investigator:
        return query.andWhere(
          `EXISTS (SELECT 1 FROM participants visible_p WHERE visible_p.operation_id = ${alias}.id AND visible_p.country = :visibleCountry)`,
          { visibleCountry: actor.country },
        );
      case Role.Observer:
        return query.andWhere(
          `EXISTS (SELECT 1 FROM operation_members visible_m WHERE visible_m.operation_id = ${alias}.id AND visible_m.user_id = :visibleUser)`,
          { visibleUser: actor.userId },
        );
      default:
        throw new ForbiddenError(
          'Admins manage accounts; operations are for coordinators, investigators and observers',
        );
    }
  }

  /** The operation if the actor may see it; otherwise 404, whether it exists or not. */
  async loadVisible(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<Operation> {
    const query = this.restrict(manager.getRepository(Operation).createQueryBuilder('operation'), actor).andWhere(
      'operation.id = :id',
      { id },
    );
    if (lock) query.setLock('pessimistic_write');
    const operation = await query.getOne();
    if (!operation) throw new NotFoundError('Operation');
    return operation;
  }
}
