import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, createRedisConnection, RateLimitedError } from '@dragnet/platform';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Login attempts per account and per client address, counted in Redis so every API process shares
 * the counts. The account key is the normalised e-mail whether or not an account exists, so a 429
 * tells nothing about the address. Each attempt counts when it starts (parallel guesses cannot slip
 * through between a check and a count); a successful login clears its account's count. During a
 * Redis outage each process falls back to counting in memory.
 */
@Injectable()
export class LoginRateLimiter implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly perAccount: RateLimiterRedis;
  private readonly perAddress: RateLimiterRedis;

  constructor(config: AppConfig) {
    this.redis = createRedisConnection(config.REDIS_URL, 'client');
    const limiter = (name: string, points: number) =>
      new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${config.queuePrefix}:login:${name}`,
        points,
        duration: config.LOGIN_RATE_WINDOW_SECONDS,
        insuranceLimiter: new RateLimiterMemory({ points, duration: config.LOGIN_RATE_WINDOW_SECONDS }),
      });
    this.perAccount = limiter('account', config.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT);
    this.perAddress = limiter('address', config.LOGIN_MAX_ATTEMPTS_PER_ADDRESS);
  }

  /** Counts an attempt; throws 429 with the wait when either limit is spent. */
  async attempt(email: string, address: string): Promise<void> {
    const results = await Promise.allSettled([
      this.perAccount.consume(normaliseEmail(email)),
      this.perAddress.consume(address),
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
      // Redis is down: the count expires with its window; the login itself stands.
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
