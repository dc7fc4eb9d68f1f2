import 'reflect-metadata';
import { dragnetSchema } from '@dragnet/domain';
import { ConfigError, dataSourceOptions, loadConfig } from '@dragnet/platform';
import { generateMigration } from './generate-migration';
import { dump, migrate, start, withDatabase } from './launcher';

const USAGE = 'Usage: dragnet-cli start | migrate | migration:generate <PascalCaseName> | dump <file>';

/** Operator commands. Without DATABASE_URL they use the embedded PostgreSQL (started for the command). */
async function main(command: string | undefined, argument: string | undefined): Promise<void> {
  const config = loadConfig();
  switch (command) {
    case 'start':
      process.exitCode = await start(config);
      return;
    case 'migrate':
      return withDatabase(config, async (url) => {
        const applied = await migrate(config, url);
        console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date');
      });
    case 'migration:generate':
      return withDatabase(config, async (url) => {
        await migrate(config, url);
        const file = await generateMigration(
          dataSourceOptions({ ...config, DATABASE_URL: url }, dragnetSchema),
          argument ?? '',
        );
        console.log(
          file ? `Wrote ${file}; review it and add it to migrations/index.ts` : 'Entities and database agree',
        );
      });
    case 'dump':
      if (!argument) break;
      return withDatabase(config, async (url) => {
        await dump(url, argument);
        console.log(`Wrote ${argument} (pg_dump custom format); restore it with pg_restore, see docs/deployment.md`);
      });
  }
  console.error(USAGE);
  process.exitCode = 2;
}

main(process.argv[2], process.argv[3]).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
