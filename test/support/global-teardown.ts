import { Client } from 'pg';
import { TEMPLATE_ENV } from './test-database';
import { releaseTestServers, testServerUrl } from './test-servers';

/** Drops the run's template and any suite database a crashed suite left behind, then stops an embedded server. */
export default async function globalTeardown(): Promise<void> {
  const template = process.env[TEMPLATE_ENV];
  if (template) await dropRunDatabases(template);
  await releaseTestServers();
}

async function dropRunDatabases(template: string): Promise<void> {
  const client = new Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `${template}%`,
    ]);
    for (const { datname } of rows) {
      if (datname === template) await client.query(`ALTER DATABASE "${datname}" WITH IS_TEMPLATE false`);
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}
