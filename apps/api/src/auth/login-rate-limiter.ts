import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, createSharedRateLimits, RateLimitedError, type SharedRateLimits } from '@dragnet/platform';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Login attempts per account and per client address, counted in Redis (or Postgres without Redis)
 * so every API process shares the counts. The account key is the normalised e-mail whether or not an account exists, so a 429
 * tells nothing about the address. Each attempt counts when it starts (parallel guesses cannot slip
 * through between a check and a count); a successful login clears its account's count. During a
 * store outage each process falls back to counting in memory.
 */
@Injectable()
export class LoginRateLimiter implements OnApplicationShutdown {
  private readonly limits: SharedRateLimits;
  private readonly perAccount: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;

  constructor(config: AppConfig) {
    this.limits = createSharedRateLimits(config);
    const window = config.LOGIN_RATE_WINDOW_SECONDS;
    this.perAccount = this.limits.limiter('login:account', config.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT, window);
    this.perAddress = this.limits.limiter('login:address', config.LOGIN_MAX_ATTEMPTS_PER_ADDRESS, window);
  }

  /** Counts an attempt; throws 429 with the wait when either limit is spent. */
  async attempt(email: string, address: string): Promise<void> {
    const results = await Promise.allSettled([
      this.perAccount.consume(normaliseEmail(email)),
      this.perAddress.consume(normaliseAddress(address)),
    ]);
    const refused = results
      .filter((result): result is PromiseRejectedResult => result.status === 'rejected')
      .map((result) => result.reason as unknown);
    if (refused.length === 0) return;
    const waits = refused.map((reason) => {
      if (reason instanceof RateLimiterRes) return reason.msBeforeNext;
      throw reason;
    });
    const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
    throw new RateLimitedError(`Too many login attempts; try again in ${retryAfterSeconds} seconds`, retryAfterSeconds);
  }

  /** A successful login: the account starts afresh (the address keeps its count). */
  async succeeded(email: string): Promise<void> {
    try {
      await this.perAccount.delete(normaliseEmail(email));
    } catch {
      // The store is down: the count expires with its window; the login itself stands.
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.limits.close();
  }
}

/**
 * An IPv4 client as a process listening on `::` sees it (::ffff:10.0.0.7) is the same client as one
 * listening on IPv4 sees (10.0.0.7): one count, whichever process it reached.
 */
function normaliseAddress(address: string): string {
  return /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(address)?.[1] ?? address;
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
