import { InvalidInputError } from '@dragnet/platform';
import { assertAcceptablePassword } from './password-policy';

describe('password policy (NIST SP 800-63B-4)', () => {
  it('accepts long passphrases without composition rules', () => {
    expect(() => assertAcceptablePassword('correct horse battery staple')).not.toThrow();
    expect(() => assertAcceptablePassword('éàéàéàéàéàéàéàéàé')).not.toThrow();
  });

  it('counts characters, not bytes, for the minimum length of 15', () => {
    expect(() => assertAcceptablePassword('😀🐙'.repeat(7))).toThrow(InvalidInputError);
    expect(() => assertAcceptablePassword('😀🐙🦊'.repeat(5))).not.toThrow();
    expect(() => assertAcceptablePassword('tangerine light')).not.toThrow();
    expect(() => assertAcceptablePassword('tangerine ligh')).toThrow(/at least 15/);
  });

  it('refuses short, overlong, common, repetitive, service-derived and e-mail-derived passwords', () => {
    expect(() => assertAcceptablePassword('short')).toThrow(/password/);
    expect(() => assertAcceptablePassword('x'.repeat(129))).toThrow(InvalidInputError);
    expect(() => assertAcceptablePassword('Password12345678')).toThrow(/too common/);
    expect(() => assertAcceptablePassword('abababababababab')).toThrow(/too repetitive/);
    expect(() => assertAcceptablePassword('Dragnet2016!!!!!!')).toThrow(/name of the service/);
    expect(() => assertAcceptablePassword('interpolinterpol')).toThrow(/name of the service/);
    expect(() => assertAcceptablePassword('maria.rossi-2016!!', 'maria.rossi@ncb.example')).toThrow(InvalidInputError);
  });
});
