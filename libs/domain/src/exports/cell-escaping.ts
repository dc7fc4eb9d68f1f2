/**
 * Spreadsheet formula injection: a text cell starting with =, +, -, @, a tab or a carriage return
 * is read as a formula by Excel and LibreOffice. Such cells get a leading apostrophe, which the
 * spreadsheet shows as text. Numbers written as numbers are never touched.
 */
const DANGEROUS_START = /^[=+\-@\t\r]/;

export function escapeCell(value: string): string {
  return DANGEROUS_START.test(value) ? `'${value}` : value;
}
