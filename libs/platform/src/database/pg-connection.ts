import type { Pool, PoolClient } from 'pg';
import type { QueryRunner } from 'typeorm';

/** What TypeORM's Postgres query runner holds but does not type: the pg client under it. */
interface PostgresQueryRunner {
  databaseConnection: PoolClient;
  releasePostgresConnection(error?: Error): Promise<void>;
}

/** The pg client under a connected query runner, for COPY streams and row counts. */
export function pgClientOf(runner: QueryRunner): PoolClient {
  return (runner as unknown as PostgresQueryRunner).databaseConnection;
}

/** Gives up a connection that may be mid-COPY or mid-transaction: pg closes it instead of pooling it. */
export function discardConnection(runner: QueryRunner, error: Error): Promise<void> {
  return (runner as unknown as PostgresQueryRunner).releasePostgresConnection(error);
}

interface ManagerWithDriver {
  queryRunner?: QueryRunner;
  connection: { driver: unknown };
}

/**
 * `manager.query(text, parameters)` for statements sent on every request: straight to pg, on the
 * caller's transaction when the manager has one, else on a pooled connection, without TypeORM's
 * query runner, broadcaster and result wrapper around each statement (a third of the CPU the
 * hot paths spent in TypeORM). Errors are pg's own, with the same `code` the error filter reads.
 */
export async function queryRows<T = Record<string, unknown>>(
  manager: ManagerWithDriver,
  text: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  const runner = manager.queryRunner;
  if (runner) {
    if (runner.isReleased) throw new Error('Query runner already released');
    const client = (await runner.connect()) as PoolClient;
    return (await client.query(text, parameters)).rows as T[];
  }
  const pool = (manager.connection.driver as { master: Pool }).master;
  return (await pool.query(text, parameters)).rows as T[];
}
