import type { DataSource } from 'typeorm';

/** Row count and a checksum of every table, to prove that a request changed nothing. */
export async function databaseSnapshot(dataSource: DataSource): Promise<Record<string, string>> {
  const tables = (await dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  )) as { tablename: string }[];
  const parts = tables.map(
    ({ tablename }) =>
      `SELECT '${tablename}' AS name, count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM "${tablename}" t`,
  );
  const rows = (await dataSource.query(parts.join(' UNION ALL '))) as { name: string; sum: string }[];
  return Object.fromEntries(rows.map((row) => [row.name, row.sum]));
}

/** The tables whose checksum differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}
