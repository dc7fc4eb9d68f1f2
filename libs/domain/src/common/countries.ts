import { isISO31661Alpha2 } from 'class-validator';

const displayNames = new Intl.DisplayNames(['en'], { type: 'region' });

export function isCountryCode(value: string): boolean {
  return /^[A-Z]{2}$/.test(value) && isISO31661Alpha2(value);
}

/** "FR" -> "France"; falls back to the code. */
export function countryName(code: string): string {
  try {
    return displayNames.of(code) ?? code;
  } catch {
    return code;
  }
}
