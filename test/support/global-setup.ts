import './register-paths';
import { dragnetSchema } from '@dragnet/domain';
import { dataSourceOptions, migrateDatabase, withDatabase } from '@dragnet/platform';
import { adminQuery, TEMPLATE_ENV } from './test-database';
import { prepareTestServers, testServerUrl } from './test-servers';

/**
 * Picks the servers (test-servers.ts), then migrates once into a template database; every suite
 * copies it (CREATE DATABASE ... TEMPLATE).
 */
export default async function globalSetup(): Promise<void> {
  await prepareTestServers();
  const template = `dragnet_test_${process.pid}_${Date.now().toString(36)}`;
  const url = withDatabase(testServerUrl(), template);
  await migrateDatabase(url, dataSourceOptions({ DATABASE_URL: url }, dragnetSchema));
  await adminQuery(`ALTER DATABASE "${template}" WITH IS_TEMPLATE true`);
  process.env[TEMPLATE_ENV] = template;
}
