import { Client } from 'pg';
import { dragnetSchema } from '@dragnet/domain';
import { dataSourceOptions, migrateDatabase, withDatabase } from '@dragnet/platform';
import { adminQuery } from './support/test-database';
import { testServerUrl } from './support/test-servers';

describe('Migrations', () => {
  const name = `dragnet_test_migrate_${process.pid}_${Date.now().toString(36)}`;
  const url = withDatabase(testServerUrl(), name);
  afterAll(() => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

  it('creates a missing database and applies each migration once when several processes start together', async () => {
    const options = dataSourceOptions({ DATABASE_URL: url }, dragnetSchema);
    const results = await Promise.all([1, 2, 3, 4].map(() => migrateDatabase(url, options)));
    const applied = results.flat();
    expect(applied).toHaveLength(dragnetSchema.migrations.length);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT name FROM migrations');
      expect(rows).toHaveLength(dragnetSchema.migrations.length);
      const tables = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
      expect(tables.rows.map((row) => row.tablename)).toEqual(
        expect.arrayContaining([
          'users',
          'operations',
          'participants',
          'operation_members',
          'audit_entries',
          'outbox_messages',
        ]),
      );
    } finally {
      await client.end();
    }
    expect(await migrateDatabase(url, options)).toEqual([]);
  });
});
