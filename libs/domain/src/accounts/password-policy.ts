import { InvalidInputError } from '@dragnet/platform';

/** NIST SP 800-63B-4: at least 15 characters when a password is the only factor, as here. */
export const PASSWORD_MIN_LENGTH = 15;
export const PASSWORD_MAX_LENGTH = 128;

/** Passwords that head every breach corpus, padded to the minimum length as people do. */
const COMMON = new Set([
  'password1234',
  '123456789012',
  '123456789012345',
  '1234567890123456',
  'qwertyuiopas',
  'qwertyuiopasdfgh',
  'passwordpassword',
  'password12345678',
  'letmeinletmein',
  'letmeinletmeinletmein',
  'administrator',
  'administrator123',
  'changemechangeme',
  'iloveyouiloveyou',
  'welcome123456789',
]);

/** Words of this service that an attacker tries first (context-specific words, as NIST asks). */
const CONTEXT_WORDS = ['dragnet', 'interpol', 'europol'];

/** `dragnet2016!!!!!!`, `Interpol Interpol`: a service name padded with digits, punctuation or repeats. */
function isContextWordOnly(lower: string): boolean {
  const letters = lower.replace(/[^\p{L}]/gu, '');
  return CONTEXT_WORDS.some((word) => letters.length > 0 && letters === word.repeat(letters.length / word.length));
}

/**
 * NIST SP 800-63B-4: length, not composition rules; no truncation; every character counts (Unicode
 * included); reject known-bad, repetitive and context-derived passwords and ones built from the
 * account's own e-mail. No forced periodic change.
 */
export function assertAcceptablePassword(password: string, email?: string, field = 'password'): void {
  const problems: string[] = [];
  const characters = [...password];
  const lower = password.toLowerCase();
  if (characters.length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (characters.length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  if (COMMON.has(lower)) problems.push('is too common');
  else if (characters.length > 0 && new Set(characters).size <= 2) problems.push('is too repetitive');
  else if (isContextWordOnly(lower)) problems.push('must not be built from the name of the service');
  const localPart = email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && lower.includes(localPart))
    problems.push('must not contain the e-mail address');
  if (problems.length > 0)
    throw new InvalidInputError(
      `Invalid field: ${field}`,
      problems.map((message) => ({ field, message: `${field} ${message}` })),
    );
}
