import { InvalidInputError } from '@dragnet/platform';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** A short list of passwords that appear first in every breach corpus. */
const COMMON = new Set([
  'password1234',
  '123456789012',
  'qwertyuiopas',
  'passwordpassword',
  'letmeinletmein',
  'administrator',
  'changemechangeme',
]);

/**
 * NIST SP 800-63B: length, not composition rules; no truncation; reject known-bad passwords and
 * ones built from the account's own e-mail.
 */
export function assertAcceptablePassword(password: string, email?: string): void {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if ([...password].length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  if (COMMON.has(password.toLowerCase())) problems.push('is too common');
  const localPart = email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && password.toLowerCase().includes(localPart))
    problems.push('must not contain the e-mail address');
  if (problems.length > 0)
    throw new InvalidInputError(
      `Invalid field: password`,
      problems.map((message) => ({ field: 'password', message: `password ${message}` })),
    );
}
