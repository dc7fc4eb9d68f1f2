import type { AuthenticatedUser } from '../accounts';
import type { Actor } from '../common';

/** A verified token's claims, as much as a long-lived stream needs to check it again. */
export interface SessionToken {
  sub: string;
  gen: number;
  jti: string;
  /** Expiry, in seconds since the epoch. */
  exp: number;
}

/** How long a check of the token stays good for the events that follow it. */
export const SESSION_CHECK_TTL_MS = 1_000;

/**
 * Whether the token an open stream was started with still counts as it did then: not expired, not
 * signed out, the same token generation (no password change), the user active, and the same role
 * and country. A check is reused for SESSION_CHECK_TTL_MS, so a burst of events costs one query.
 */
export class LiveSession {
  private checkedAt = Number.NEGATIVE_INFINITY;
  private lastAnswer = false;

  constructor(
    private readonly actor: Actor,
    private readonly token: SessionToken,
    private readonly lookUp: (token: SessionToken) => Promise<AuthenticatedUser | null>,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Milliseconds until the token expires (zero when it has). */
  get remainingMs(): number {
    return Math.max(0, this.token.exp * 1000 - this.clock());
  }

  /** The last answer while it is fresh, otherwise a new check. */
  async valid(): Promise<boolean> {
    if (this.clock() - this.checkedAt < SESSION_CHECK_TTL_MS) return this.lastAnswer && this.remainingMs > 0;
    return this.check();
  }

  /** Checks now; a failed look-up counts as invalid, so the stream fails closed. */
  async check(): Promise<boolean> {
    let user: AuthenticatedUser | null;
    try {
      user = this.remainingMs > 0 ? await this.lookUp(this.token) : null;
    } catch {
      user = null;
    }
    this.checkedAt = this.clock();
    this.lastAnswer = user !== null && user.role === this.actor.role && user.country === this.actor.country;
    return this.lastAnswer;
  }
}
