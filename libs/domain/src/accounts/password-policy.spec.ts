import { DomainError } from '@dragnet/platform';
import { assertAcceptablePassword } from './password-policy';

function problems(password: string, email?: string): string[] {
  try {
    assertAcceptablePassword(password, email);
    return [];
  } catch (error) {
    return ((error as DomainError).details ?? []).map((detail) => detail.message);
  }
}

describe('password policy (NIST SP 800-63B-4)', () => {
  it('accepts long passphrases without composition rules', () => {
    expect(problems('correct horse battery staple')).toEqual([]);
    expect(problems('café au lait crème brûlée')).toEqual([]);
  });

  it('counts characters, not bytes, for the minimum length of 15', () => {
    expect(problems('😀🐙🦊🐝🐢🦉🐬'.repeat(2))).toEqual(['password must be at least 15 characters']);
    expect(problems('😀🐙🦊🐝🐢'.repeat(3))).toEqual([]);
    expect(problems('tangerine light')).toEqual([]);
    expect(problems('tangerine ligh')).toEqual(['password must be at least 15 characters']);
  });

  it('refuses overlong, common, repetitive, service-derived and e-mail-derived passwords', () => {
    expect(problems('x'.repeat(129))).toContain('password must be at most 128 characters');
    expect(problems('Password12345678')).toEqual(['password is too common']);
    expect(problems('abababababababab')).toEqual(['password is too repetitive']);
    expect(problems('Dragnet2016!!!!!!')).toEqual(['password must not be built from the name of the service']);
    expect(problems('interpolinterpol')).toEqual(['password must not be built from the name of the service']);
    expect(problems('maria.rossi-2016!!', 'maria.rossi@ncb.example')).toEqual([
      'password must not contain the e-mail address',
    ]);
  });
});
