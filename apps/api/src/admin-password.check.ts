import { assertAcceptablePassword } from '@dragnet/domain';
import { type ConfigCheck, InvalidInputError } from '@dragnet/platform';

/**
 * ADMIN_PASSWORD meets the password policy of every account (checked against ADMIN_EMAIL), so a bad
 * one stops the API at boot with the other settings, naming the variable and the rule, instead of
 * failing later with a stack trace.
 */
export const adminPasswordCheck: ConfigCheck = (config) => {
  if (!config.ADMIN_PASSWORD) return [];
  try {
    assertAcceptablePassword(config.ADMIN_PASSWORD, config.ADMIN_EMAIL, 'ADMIN_PASSWORD');
    return [];
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return (error.details ?? []).map((problem) =>
      problem.message.replace('the e-mail address', 'the local part of ADMIN_EMAIL'),
    );
  }
};
