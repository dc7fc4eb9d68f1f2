import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@dragnet/platform';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Role } from '../common';
import type { Actor } from '../common';
import { leadVisibleCondition } from '../leads';
import type { SqlCondition } from '../common';
import { OperationAccess } from '../operations';
import { TargetAccess } from '../targets';
import { Target } from '../targets';
import { Network } from './network.entity';

/**
 * Need to know for networks, built on the rules for operations, targets and leads:
 * - coordinators see every network, and observers the networks of the operations they are members of
 *   (the operation's need to know);
 * - investigators see a network only through its members: a network with at least one member they
 *   may read, in an operation their country takes part in;
 * - members, identifiers and links show only targets the caller may read; an identifier or link drawn
 *   from a lead (H2/H3 ones above all) only to who may read that lead.
 */
@Injectable()
export class NetworkAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly operations: OperationAccess,
    private readonly targets: TargetAccess,
  ) {}

  /** SQL: the target whose id is `targetIdSql` is one the actor may read. */
  targetVisible(actor: Actor, targetIdSql: string, alias: string): SqlCondition {
    const query = this.targets
      .restrict(this.dataSource.getRepository(Target).createQueryBuilder(alias), actor, alias)
      .select('1')
      .andWhere(`${alias}.id = ${targetIdSql}`);
    return { sql: `EXISTS (${query.getQuery()})`, parameters: query.getParameters() };
  }

  /** Narrows a query on targets (`alias`) to those the actor may read, on the row itself (no EXISTS). */
  restrictTargets(query: SelectQueryBuilder<Target>, actor: Actor, alias: string): SelectQueryBuilder<Target> {
    return this.targets.restrict(query, actor, alias);
  }

  /** SQL: the lead `leadIdSql` (when not null) is one the actor may read. */
  leadVisible(actor: Actor, leadIdSql: string, alias: string): SqlCondition {
    if (actor.role === Role.Coordinator) return { sql: 'TRUE', parameters: {} };
    const lead = leadVisibleCondition(actor, alias);
    return {
      sql: `(${leadIdSql} IS NULL OR EXISTS (SELECT 1 FROM leads ${alias} WHERE ${alias}.id = ${leadIdSql} AND ${lead.sql}))`,
      parameters: lead.parameters,
    };
  }

  /** Narrows a query on `network` to what the actor may see. */
  restrict(query: SelectQueryBuilder<Network>, actor: Actor, alias = 'network'): SelectQueryBuilder<Network> {
    const operation = this.operations.restrict(
      this.dataSource
        .createQueryBuilder()
        .select('1')
        .from('operations', `${alias}_o`)
        .where(`${alias}_o.id = ${alias}.operation_id`),
      actor,
      `${alias}_o`,
    );
    query.andWhere(`EXISTS (${operation.getQuery()})`, operation.getParameters());
    if (actor.role !== Role.Investigator) return query;
    const member = this.targetVisible(actor, `${alias}_m.target_id`, `${alias}_t`);
    return query.andWhere(
      `EXISTS (SELECT 1 FROM network_members ${alias}_m WHERE ${alias}_m.network_id = ${alias}.id AND ${member.sql})`,
      member.parameters,
    );
  }

  /** The network if the actor may see it; otherwise 404, whether it exists or not. */
  async loadVisible(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<Network> {
    const query = this.restrict(manager.getRepository(Network).createQueryBuilder('network'), actor).andWhere(
      'network.id = :networkId',
      { networkId: id },
    );
    if (lock) query.setLock('pessimistic_write');
    const network = await query.getOne();
    if (!network) throw new NotFoundError('Network');
    return network;
  }

  /** The operation, if visible, for its lists. */
  loadOperation(manager: EntityManager, actor: Actor, operationId: string) {
    return this.operations.loadVisible(manager, actor, operationId);
  }

  /** The target, if visible. */
  loadTarget(manager: EntityManager, actor: Actor, targetId: string, lock = false): Promise<Target> {
    return this.targets.loadVisible(manager, actor, targetId, lock);
  }
}
