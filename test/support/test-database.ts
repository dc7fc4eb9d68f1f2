import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from '@dragnet/platform';
import { testServerUrl } from './test-servers';

export const TEMPLATE_ENV = 'DRAGNET_TEST_TEMPLATE';

export async function adminQuery(sql: string, parameters: unknown[] = []): Promise<void> {
  const client = new Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    await client.query(sql, parameters);
  } finally {
    await client.end();
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh, migrated database copied from the run's template; drop it when the suite ends. */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error(`${TEMPLATE_ENV} is not set: run the tests through jest (globalSetup)`);
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      break;
    } catch (error) {
      // Two suites copying the template at the same instant: wait and try again.
      if ((error as { code?: string }).code !== '55006' || attempt > 20) throw error;
      await delay(100 + Math.random() * 200);
    }
  }
  return {
    name,
    url: withDatabase(testServerUrl(), name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
