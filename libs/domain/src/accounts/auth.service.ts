import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { DomainError, LiveEventBus, queryRows } from '@dragnet/platform';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor, Role } from '../common';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';
import { UsersService } from './users.service';

/** Who signs Dragnet's tokens and for whom; a token naming anything else is refused. */
export const TOKEN_ISSUER = 'dragnet';
export const TOKEN_AUDIENCE = 'dragnet-api';

export interface TokenClaims {
  sub: string;
  role: Role;
  iat: number;
  /** The user's token generation when the token was issued; a password change raises it. */
  gen: number;
  /** Token id, so one token can be revoked (logout). */
  jti: string;
  exp: number;
}

const INVALID_TOKEN = 'Invalid or expired token';
/** Tokens whose signature was checked, kept so a client's next requests skip the HMAC and parsing. */
const VERIFIED_TOKENS_KEPT = 10_000;
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
    private readonly live: LiveEventBus,
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

  /** Signature-checked claims by token; expiry is still checked on every use. Oldest dropped first. */
  private readonly verified = new Map<string, TokenClaims>();

  async verify(token: string): Promise<TokenClaims> {
    const known = this.verified.get(token);
    if (known && known.exp * 1000 > Date.now()) return known;
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
      !UUID.test(claims.jti) ||
      // jsonwebtoken accepts a token without exp (it never expires) or iat; Dragnet does not.
      !Number.isInteger(claims.exp) ||
      !Number.isInteger(claims.iat)
    )
      throw new DomainError('unauthorized', INVALID_TOKEN);
    this.verified.delete(token);
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, claims);
    return claims;
  }

  /**
   * The user behind a token, in one query: active, the token issued since the last password change,
   * and not signed out. Anything else answers 401.
   */
  async authenticate(token: string): Promise<{ user: AuthenticatedUser; claims: TokenClaims }> {
    const claims = await this.verify(token);
    const user = await this.currentUser(claims);
    if (!user) throw new DomainError('unauthorized', INVALID_TOKEN);
    return { user, claims };
  }

  /**
   * The user behind verified claims as they are now, or null when the token no longer counts
   * (expired, signed out, password changed, user deactivated). Long-lived streams call it again.
   */
  async currentUser(claims: Pick<TokenClaims, 'sub' | 'gen' | 'jti' | 'exp'>): Promise<AuthenticatedUser | null> {
    if (claims.exp * 1000 <= Date.now()) return null;
    // Plain SQL straight to pg: this runs on every request; entity hydration and TypeORM's query
    // runner would cost more than the query.
    const [user] = await queryRows<AuthenticatedUser>(
      this.dataSource.manager,
      `SELECT id, role, country FROM users
        WHERE id = $1 AND active AND token_generation = $2
          AND NOT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = $3)`,
      [claims.sub, claims.gen, claims.jti],
    );
    return user ?? null;
  }

  /**
   * A short-lived token for one narrow use (its own audience, so it is never accepted as a bearer
   * token), tied to the session it was asked with: it carries the session's generation and token id,
   * so a sign-out, a password change or a deactivation ends it too. Never longer than the session.
   */
  async scopedToken(
    session: Pick<TokenClaims, 'sub' | 'gen' | 'jti' | 'exp'>,
    audience: string,
    seconds: number,
  ): Promise<{ token: string; expiresAt: Date }> {
    const expiresIn = Math.max(1, Math.min(seconds, session.exp - Math.floor(Date.now() / 1000)));
    const token = await this.jwt.signAsync(
      { sub: session.sub, gen: session.gen, jti: session.jti },
      { audience, expiresIn },
    );
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The user behind a scoped token of this audience as they are now, or null (bad, expired, ended). */
  async authenticateScoped(token: string, audience: string): Promise<AuthenticatedUser | null> {
    let claims: Pick<TokenClaims, 'sub' | 'gen' | 'jti' | 'exp'>;
    try {
      claims = await this.jwt.verifyAsync(token, { algorithms: ['HS256'], issuer: TOKEN_ISSUER, audience });
    } catch {
      return null;
    }
    if (
      typeof claims.sub !== 'string' ||
      !UUID.test(claims.sub) ||
      !Number.isInteger(claims.gen) ||
      typeof claims.jti !== 'string' ||
      !UUID.test(claims.jti) ||
      !Number.isInteger(claims.exp)
    )
      return null;
    return this.currentUser(claims);
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
    await this.live.publishSessionChange(actor.userId);
  }
}
