import { ConfigError, loadConfig } from '@dragnet/platform';
import { adminPasswordCheck } from './admin-password.check';

const load = (environment: Record<string, string>) => loadConfig(environment, [adminPasswordCheck]);

describe('ADMIN_PASSWORD at boot', () => {
  it('names the variable and the rule when the password contains the e-mail local part', () => {
    expect(() =>
      load({ ADMIN_EMAIL: 'commander.hydra@ncb.example', ADMIN_PASSWORD: 'commander.hydra-2016-pass' }),
    ).toThrow(new ConfigError(['ADMIN_PASSWORD must not contain the local part of ADMIN_EMAIL']));
  });

  it('names every broken rule, with the other settings', () => {
    let error: ConfigError | undefined;
    try {
      load({ ADMIN_EMAIL: 'admin@ncb.example', ADMIN_PASSWORD: 'passwordpassword' });
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error?.problems).toEqual(['ADMIN_PASSWORD is too common']);
  });

  it('accepts a password that meets the policy', () => {
    expect(
      load({ ADMIN_EMAIL: 'admin@ncb.example', ADMIN_PASSWORD: 'a long enough boot passphrase' }).ADMIN_PASSWORD,
    ).toBe('a long enough boot passphrase');
  });
});
