import type { DataSourceOptions, MixedList } from 'typeorm';
import type { AppConfig } from '../config/app-config';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = MixedList<Function | string>;

export interface SchemaParts {
  entities: ClassList;
  migrations: ClassList;
}

type DatabaseSettings = { DATABASE_URL: string } & Partial<
  Pick<AppConfig, 'DATABASE_POOL_SIZE' | 'DATABASE_POOL_WAIT_MS' | 'DATABASE_STATEMENT_TIMEOUT_MS'>
>;

export function dataSourceOptions(config: DatabaseSettings, schema: SchemaParts): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'migrations',
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    logging: ['warn', 'migration'],
    extra: {
      max: config.DATABASE_POOL_SIZE ?? 20,
      // A query that runs longer than this is cancelled and answers 503 instead of hanging.
      statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS ?? 30_000,
      // A saturated pool answers 503 after this wait instead of queueing requests without end.
      connectionTimeoutMillis: config.DATABASE_POOL_WAIT_MS ?? 5_000,
    },
  };
}
