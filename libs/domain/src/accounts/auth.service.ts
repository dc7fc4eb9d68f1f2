import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError } from '@dragnet/platform';
import { PasswordHasher } from './password-hasher';
import type { Role } from './role';
import { UsersService } from './users.service';

export interface TokenClaims {
  sub: string;
  role: Role;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
  ) {}

  /** The same answer for an unknown e-mail, a wrong password and a deactivated account. */
  async login(email: string, password: string): Promise<{ accessToken: string; expiresIn: number }> {
    const user = await this.users.findByEmail(email);
    const valid = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !valid || !user.active) throw new DomainError('unauthorized', 'Invalid email or password');
    const claims: TokenClaims = { sub: user.id, role: user.role };
    const accessToken = await this.jwt.signAsync(claims);
    const decoded = this.jwt.decode<{ exp: number; iat: number }>(accessToken);
    return { accessToken, expiresIn: decoded.exp - decoded.iat };
  }

  async verify(token: string): Promise<TokenClaims> {
    try {
      return await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new DomainError('unauthorized', 'Invalid or expired token');
    }
  }
}
