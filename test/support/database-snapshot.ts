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

/** Every row of every table as an md5 of its text, to count how many rows a run of requests changed. */
export async function databaseRows(dataSource: DataSource): Promise<Map<string, string[]>> {
  const tables = (await dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  )) as { tablename: string }[];
  const rows = new Map<string, string[]>();
  for (const { tablename } of tables) {
    const hashes = (await dataSource.query(`SELECT md5(t::text) AS hash FROM "${tablename}" t`)) as { hash: string }[];
    rows.set(tablename, hashes.map((row) => row.hash).sort());
  }
  return rows;
}

export interface RowChanges {
  /** Rows only after (inserted, or the new version of an updated row). */
  added: number;
  /** Rows only before (deleted, or the old version of an updated row). */
  removed: number;
  /** Per table the larger of the two, so an update counts once: 0 when nothing changed. */
  changed: number;
  tables: Record<string, { added: number; removed: number }>;
}

/** How many rows differ between two `databaseRows` snapshots, counted as multisets per table. */
export function rowChanges(before: Map<string, string[]>, after: Map<string, string[]>): RowChanges {
  const result: RowChanges = { added: 0, removed: 0, changed: 0, tables: {} };
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    const remaining = new Map<string, number>();
    for (const hash of before.get(table) ?? []) remaining.set(hash, (remaining.get(hash) ?? 0) + 1);
    let added = 0;
    for (const hash of after.get(table) ?? []) {
      const count = remaining.get(hash) ?? 0;
      if (count > 0) remaining.set(hash, count - 1);
      else added += 1;
    }
    const removed = [...remaining.values()].reduce((sum, count) => sum + count, 0);
    if (added === 0 && removed === 0) continue;
    result.tables[table] = { added, removed };
    result.added += added;
    result.removed += removed;
    result.changed += Math.max(added, removed);
  }
  return result;
}
