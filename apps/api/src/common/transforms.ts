import { Transform } from 'class-transformer';

/** Trims and upper-cases a country code, so `fr` and ` FR` are both accepted as FR. */
export const UpperCaseCountry = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));

/** Query-string booleans: only `true` and `false` are accepted. */
export const QueryBoolean = () =>
  Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
