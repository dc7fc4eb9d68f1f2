import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions, SchemaParts } from './data-source-options';
import { migrateDatabase } from './migrate';

@Module({})
export class DatabaseModule {
  /** Connects TypeORM; when MIGRATIONS_RUN is on, applies pending migrations first (under the lock). */
  static forRoot(schema: SchemaParts): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: async (config: AppConfig) => {
            const options = dataSourceOptions({ ...config, DATABASE_URL: config.databaseUrl }, schema);
            if (config.MIGRATIONS_RUN) await migrateDatabase(config.databaseUrl, options);
            return options;
          },
        }),
      ],
    };
  }
}
