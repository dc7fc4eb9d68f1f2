/**
 * Spreadsheet formula injection: a text cell starting with =, +, -, @, a tab or a carriage return
 * is read as a formula by Excel and LibreOffice. Such cells get a leading apostrophe, which the
 * spreadsheet shows as text. Numbers written as numbers are never touched.
 */
const DANGEROUS_START = /^[=+\-@\t\r]/;

export function escapeCell(value: string): string {
  return DANGEROUS_START.test(value) ? `'${value}` : value;
}

/** Escapes every string of a row; numbers, booleans and nulls stay as they are. */
export function escapeRow<T extends Record<string, unknown>>(row: T): T {
  const escaped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) escaped[key] = typeof value === 'string' ? escapeCell(value) : value;
  return escaped as T;
}
