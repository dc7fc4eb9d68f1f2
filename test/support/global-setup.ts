import './register-paths';
import { dragnetSchema } from '@dragnet/domain';
import { dataSourceOptions, migrateDatabase, withDatabase } from '@dragnet/platform';
import { adminQuery, TEMPLATE_ENV, TEST_SERVER_URL } from './test-database';

/** Migrates once into a template database; every suite copies it (CREATE DATABASE ... TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  const template = `dragnet_test_${process.pid}_${Date.now().toString(36)}`;
  const url = withDatabase(TEST_SERVER_URL, template);
  await migrateDatabase(url, dataSourceOptions({ DATABASE_URL: url }, dragnetSchema));
  await adminQuery(`ALTER DATABASE "${template}" WITH IS_TEMPLATE true`);
  process.env[TEMPLATE_ENV] = template;
}
