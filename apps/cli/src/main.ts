import 'reflect-metadata';
import { dragnetSchema } from '@dragnet/domain';
import { ConfigError, dataSourceOptions, loadConfig, migrateDatabase } from '@dragnet/platform';
import { generateMigration } from './generate-migration';

const USAGE = 'Usage: dragnet-cli migrate | migration:generate <PascalCaseName>';

/** Operator commands that run and exit. */
async function main(command: string | undefined, argument: string | undefined): Promise<void> {
  const config = loadConfig();
  switch (command) {
    case 'migrate': {
      const applied = await migrateDatabase(config.DATABASE_URL, dataSourceOptions(config, dragnetSchema));
      console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date');
      return;
    }
    case 'migration:generate': {
      const options = dataSourceOptions(config, dragnetSchema);
      await migrateDatabase(config.DATABASE_URL, options);
      const file = await generateMigration(options, argument ?? '');
      console.log(file ? `Wrote ${file}; review it and add it to migrations/index.ts` : 'Entities and database agree');
      return;
    }
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

main(process.argv[2], process.argv[3]).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
