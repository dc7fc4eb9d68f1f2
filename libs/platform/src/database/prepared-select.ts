import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { queryRows } from './pg-connection';

/** The SQL the query builder wrote, by shape; a shape's text never changes, only its parameters. */
const sqlByShape = new Map<string, string>();

/**
 * `query.getOne()` for hot paths: the builder writes the SQL of a `shape` once (every call with the
 * same shape must build the same statement: same conditions, lock and columns, other values), then
 * only its parameters are bound, and the row is hydrated column by column as TypeORM does (its
 * value transformation per column), without its generic result transformer, and sent straight to pg
 * (queryRows). Plain columns only: no
 * joined relations.
 */
export async function getOnePrepared<T extends ObjectLiteral>(
  manager: EntityManager,
  query: SelectQueryBuilder<T>,
  shape: string,
): Promise<T | null> {
  let sql = sqlByShape.get(shape);
  if (sql === undefined) {
    sql = query.getQuery();
    sqlByShape.set(shape, sql);
  }
  const { driver } = manager.connection;
  const [text, parameters] = driver.escapeQueryWithParameters(sql, query.getParameters());
  const [row] = await queryRows(manager, text, parameters);
  if (!row) return null;
  const { metadata, name: alias } = query.expressionMap.mainAlias!;
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (column.isVirtual || column.isVirtualProperty) continue; // relation ids and computed: not plain columns
    const key = `${alias}_${column.databaseName}`;
    if (key in row) column.setEntityValue(entity, driver.prepareHydratedValue(row[key], column));
  }
  return entity;
}

/** Shapes kept for getManyPrepared (pages differ by their inlined LIMIT and OFFSET): a bound, not a leak. */
const MAX_MANY_SHAPES = 1000;
const manySqlByShape = new Map<string, string>();

/**
 * `query.getMany()` for hot paths, as getOnePrepared: the statement of a `shape` (which must include
 * everything that changes the SQL text: conditions, columns, order, limit and offset; not the length
 * of a spread list, which only binds more values) is written once, rows are hydrated column by
 * column. No joined relations.
 */
export async function getManyPrepared<T extends ObjectLiteral>(
  manager: EntityManager,
  query: SelectQueryBuilder<T>,
  shape: string,
): Promise<T[]> {
  let sql = manySqlByShape.get(shape);
  if (sql === undefined) {
    sql = query.getQuery();
    if (manySqlByShape.size >= MAX_MANY_SHAPES) manySqlByShape.clear();
    manySqlByShape.set(shape, sql);
  }
  const { driver } = manager.connection;
  const [text, parameters] = driver.escapeQueryWithParameters(sql, query.getParameters());
  const rows = (await manager.query(text, parameters)) as Record<string, unknown>[];
  const { metadata, name: alias } = query.expressionMap.mainAlias!;
  const columns = metadata.columns
    .filter((column) => !column.isVirtual && !column.isVirtualProperty)
    .map((column) => ({ column, key: `${alias}_${column.databaseName}` }));
  return rows.map((row) => {
    const entity = metadata.create() as T;
    for (const { column, key } of columns)
      if (key in row) column.setEntityValue(entity, driver.prepareHydratedValue(row[key], column));
    return entity;
  });
}

/**
 * `query.getManyAndCount()` through getManyPrepared. Counts as TypeORM does: only when the page is
 * full (or empty past the start), through the builder's own count query; otherwise the rows are the total.
 */
export async function getManyAndCountPrepared<T extends ObjectLiteral>(
  manager: EntityManager,
  query: SelectQueryBuilder<T>,
  shape: string,
): Promise<[T[], number]> {
  const entities = await getManyPrepared(manager, query, shape);
  // TypeORM's lazy count (no joins here).
  const { limit, take, offset, skip } = query.expressionMap;
  const max = limit ?? take;
  const before = (offset || skip) ?? 0;
  const counted = entities.length === max || (entities.length === 0 && before > 0);
  return [entities, counted ? await query.getCount() : entities.length + before];
}
