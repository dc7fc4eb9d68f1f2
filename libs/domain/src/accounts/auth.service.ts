import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { DomainError } from '@dragnet/platform';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor, Role } from '../common';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';
import { UsersService } from './users.service';

export interface TokenClaims {
  sub: string;
  role: Role;
  /** The user's token generation when the token was issued; a password change raises it. */
  gen: number;
  /** Token id, so one token can be revoked (logout). */
  jti: string;
  exp: number;
}

const INVALID_TOKEN = 'Invalid or expired token';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a request needs to know of its caller. */
export type AuthenticatedUser = Pick<User, 'id' | 'role' | 'country'>;

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
  ) {}

  /** The same answer for an unknown e-mail, a wrong password and a deactivated account. */
  async login(email: string, password: string): Promise<{ accessToken: string; expiresIn: number }> {
    const user = await this.users.findByEmail(email);
    const valid = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !valid || !user.active) throw new DomainError('unauthorized', 'Invalid email or password');
    const accessToken = await this.jwt.signAsync({
      sub: user.id,
      role: user.role,
      gen: user.tokenGeneration,
      jti: randomUUID(),
    });
    const decoded = this.jwt.decode<{ exp: number; iat: number }>(accessToken);
    return { accessToken, expiresIn: decoded.exp - decoded.iat };
  }

  async verify(token: string): Promise<TokenClaims> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new DomainError('unauthorized', INVALID_TOKEN);
    }
    if (
      typeof claims.sub !== 'string' ||
      !UUID.test(claims.sub) ||
      !Number.isInteger(claims.gen) ||
      typeof claims.jti !== 'string' ||
      !UUID.test(claims.jti)
    )
      throw new DomainError('unauthorized', INVALID_TOKEN);
    return claims;
  }

  /**
   * The user behind a token, in one query: active, the token issued since the last password change,
   * and not signed out. Anything else answers 401.
   */
  async authenticate(token: string): Promise<{ user: AuthenticatedUser; claims: TokenClaims }> {
    const claims = await this.verify(token);
    // Plain SQL: this runs on every request, and entity hydration would cost more than the query.
    const [user] = (await this.dataSource.query(
      `SELECT id, role, country FROM users
        WHERE id = $1 AND active AND token_generation = $2
          AND NOT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = $3)`,
      [claims.sub, claims.gen, claims.jti],
    )) as AuthenticatedUser[];
    if (!user) throw new DomainError('unauthorized', INVALID_TOKEN);
    return { user, claims };
  }

  /** Signs out the presented token; it answers 401 from now on, on every API process. */
  async logout(actor: Actor, claims: Pick<TokenClaims, 'jti' | 'exp'>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES ($1, $2, to_timestamp($3)) ON CONFLICT DO NOTHING`,
        [claims.jti, actor.userId, claims.exp],
      );
      // An expired token fails on its own; its revocation need not be kept.
      await manager.query(`DELETE FROM revoked_tokens WHERE expires_at < now()`);
      await this.audit.record(manager, actor, { action: 'user.logout', entityType: 'user', entityId: actor.userId });
    });
  }
}
