import { InvalidInputError } from '@dragnet/platform';
import { assertAcceptablePassword } from './password-policy';

describe('password policy (NIST SP 800-63B)', () => {
  it('accepts long passphrases without composition rules', () => {
    expect(() => assertAcceptablePassword('correct horse battery staple')).not.toThrow();
    expect(() => assertAcceptablePassword('ééééééééééééé')).not.toThrow();
  });

  it('counts characters, not bytes, for the minimum length', () => {
    expect(() => assertAcceptablePassword('😀'.repeat(11))).toThrow(InvalidInputError);
    expect(() => assertAcceptablePassword('😀'.repeat(12))).not.toThrow();
  });

  it('refuses short, overlong, common and e-mail-derived passwords', () => {
    expect(() => assertAcceptablePassword('short')).toThrow(/password/);
    expect(() => assertAcceptablePassword('x'.repeat(129))).toThrow(InvalidInputError);
    expect(() => assertAcceptablePassword('Password1234')).toThrow(InvalidInputError);
    expect(() => assertAcceptablePassword('maria.rossi-2016!', 'maria.rossi@ncb.example')).toThrow(InvalidInputError);
  });
});
