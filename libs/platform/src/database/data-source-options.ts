import type { DataSourceOptions, MixedList } from 'typeorm';
import type { AppConfig } from '../config/app-config';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = MixedList<Function | string>;

export interface SchemaParts {
  entities: ClassList;
  migrations: ClassList;
}

export function dataSourceOptions(config: Pick<AppConfig, 'DATABASE_URL'>, schema: SchemaParts): DataSourceOptions {
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
      max: 20,
      // A query that runs longer than this is cancelled and answers 503 instead of hanging.
      statement_timeout: 30_000,
      connectionTimeoutMillis: 10_000,
    },
  };
}
