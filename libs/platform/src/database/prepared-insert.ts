import { Logger } from '@nestjs/common';
import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { isDeepStrictEqual } from 'node:util';
import { queryRows } from './pg-connection';

type ColumnMetadata = EntityMetadata['columns'][number];

/** One shape's statement: TypeORM's own text, and the column behind each of its parameters. */
interface Prepared {
  text: string;
  parameterColumns: ColumnMetadata[];
}

/** By entity and by which of its columns have a value (the rest are DEFAULT): TypeORM writes one text per shape. */
const preparedByShape = new Map<string, Prepared | 'builder'>();
const logger = new Logger('PreparedInsert');

/**
 * `manager.insert(target, entity)` (with RETURNING of the generated columns merged into `entity`)
 * or, with `returning: false`, an insert that reads nothing back, for rows written on every
 * request: TypeORM writes the statement once per shape, then only the values are bound
 * (`preparePersistentValue` per column, as the builder does) and sent straight to pg. The first
 * statement of each shape goes through the builder and its parameters are compared with the ones
 * bound by hand; a shape where they differ keeps using the builder.
 */
export async function insertPrepared<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  entity: T,
  { returning = true }: { returning?: boolean } = {},
): Promise<void> {
  const metadata = manager.connection.getMetadata(target);
  const shape = `${metadata.name}:${returning}:${metadata.columns.map((c) => (c.getEntityValue(entity) === undefined ? 0 : 1)).join('')}`;
  const { driver } = manager.connection;
  const builder = () => manager.createQueryBuilder().insert().into(target).values(entity).updateEntity(returning);

  let prepared = preparedByShape.get(shape);
  if (prepared === undefined) {
    const query = builder();
    // As the builder's execute() does before writing the statement: RETURNING the generated columns.
    if (returning) query.expressionMap.extraReturningColumns = metadata.getInsertionReturningColumns();
    const [text, expected] = query.getQueryAndParameters();
    const parameterColumns = parameterColumnsOf(text, metadata.columns);
    const bound = parameterColumns?.map((column) =>
      driver.preparePersistentValue(column.getEntityValue(entity), column),
    );
    if (parameterColumns && isDeepStrictEqual(bound, expected)) prepared = { text, parameterColumns };
    else {
      logger.warn(`${metadata.name}: values bound by hand differ from TypeORM's; this shape uses the query builder`);
      prepared = 'builder';
    }
    preparedByShape.set(shape, prepared);
  }
  if (prepared === 'builder') {
    await builder().execute();
    return;
  }
  const parameters = prepared.parameterColumns.map((column) =>
    driver.preparePersistentValue(column.getEntityValue(entity), column),
  );
  const [row] = await queryRows(manager, prepared.text, parameters);
  if (!returning || !row) return;
  for (const column of metadata.columns) {
    if (column.databaseName in row)
      column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
  }
}

/**
 * The column behind each `$n` of an `INSERT INTO "t"("a", "b", ...) VALUES (DEFAULT, $1, ...)`
 * statement, or null when the text is not of that simple form (then the builder is used).
 */
function parameterColumnsOf(text: string, columns: ColumnMetadata[]): ColumnMetadata[] | null {
  const match = /^INSERT INTO "[^"]+"\(([^)]*)\) VALUES \(([^()]*)\)( RETURNING .*)?$/.exec(text);
  if (!match) return null;
  const names = match[1].split(', ').map((name) => name.replace(/^"|"$/g, ''));
  const values = match[2].split(', ');
  if (names.length !== values.length) return null;
  const result: ColumnMetadata[] = [];
  for (let i = 0; i < values.length; i++) {
    const parameter = /^\$(\d+)$/.exec(values[i]);
    if (!parameter) continue;
    const column = columns.find((c) => c.databaseName === names[i]);
    if (!column || Number(parameter[1]) !== result.length + 1) return null;
    result.push(column);
  }
  return result;
}
