import { Transform } from 'class-transformer';

const upper = (value: unknown) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

/** Trims and upper-cases country codes (one or a list), so `fr` and ` FR` are both accepted as FR. */
export const UpperCaseCountry = () =>
  Transform(({ value }) => (Array.isArray(value) ? value.map(upper) : upper(value)));

/** Query-string booleans: only `true` and `false` are accepted. */
export const QueryBoolean = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
