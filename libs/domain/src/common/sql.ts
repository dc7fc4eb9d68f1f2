import type { ObjectLiteral } from 'typeorm';

/** A WHERE fragment and its named parameters, for a query builder's `where`/`andWhere`. */
export interface SqlCondition {
  sql: string;
  parameters: ObjectLiteral;
}

/** Escapes LIKE wildcards in user input. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** `('a', 'b')` for an IN list of the code's own constants (never input: nothing is escaped). */
export function constantList(values: readonly string[]): string {
  return `(${values.map((value) => `'${value}'`).join(', ')})`;
}
