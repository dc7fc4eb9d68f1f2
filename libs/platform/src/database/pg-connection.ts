import type { PoolClient } from 'pg';
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
