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
