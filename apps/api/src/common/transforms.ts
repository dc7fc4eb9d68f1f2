import { Transform } from 'class-transformer';
import { isISO8601 } from 'class-validator';

const upper = (value: unknown) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

/** Trims and upper-cases country codes (one or a list), so `fr` and ` FR` are both accepted as FR. */
export const UpperCaseCountry = () =>
  Transform(({ value }) => (Array.isArray(value) ? value.map(upper) : upper(value)));

/** Query-string booleans: only `true` and `false` are accepted. */
export const QueryBoolean = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/**
 * An ISO 8601 date or date-time (strict: a real calendar date, a four-digit year) becomes a Date;
 * anything else stays as sent, so `@IsDate` refuses it. `new Date()` alone would take `1`, `-1` or
 * `2016-02-30`, and years Postgres cannot store (a 500 on the query).
 */
export const IsoDateTime = () =>
  Transform(({ obj, key }) => {
    const raw = (obj as Record<string, unknown>)[key];
    return typeof raw === 'string' && isISO8601(raw, { strict: true }) && /^\d{4}-/.test(raw) ? new Date(raw) : raw;
  });
