import type { Redis } from 'ioredis';
import { Pool } from 'pg';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis } from 'rate-limiter-flexible';
import type { AppConfig } from '../config/app-config';
import { createRedisConnection } from '../queue/redis-connection';

/** Made by a migration (`rate_limits`), in the shape rate-limiter-flexible's Postgres store uses. */
const RATE_LIMIT_TABLE = 'rate_limits';

export interface SharedRateLimits {
  /** A limiter whose counts every process shares; during a store outage each process counts in memory. */
  limiter(name: string, points: number, durationSeconds: number): RateLimiterAbstract;
  close(): Promise<void>;
}

/** Counts in Redis when REDIS_URL is set, in the `rate_limits` table of Dragnet's database otherwise. */
export function createSharedRateLimits(config: AppConfig): SharedRateLimits {
  const insurance = (points: number, duration: number) => new RateLimiterMemory({ points, duration });
  if (config.REDIS_URL) {
    const redis: Redis = createRedisConnection(config.REDIS_URL, 'client');
    return {
      limiter: (name, points, duration) =>
        new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `${config.queuePrefix}:${name}`,
          points,
          duration,
          insuranceLimiter: insurance(points, duration),
        }),
      close: async () => redis.disconnect(),
    };
  }
  const pool = new Pool({ connectionString: config.databaseUrl, max: 4, connectionTimeoutMillis: 2_000 });
  pool.on('error', () => undefined);
  return {
    limiter: (name, points, duration) =>
      new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        // Expired rows are removed by the next upsert of their key; the hourly sweep would need a timer per limiter.
        clearExpiredByTimeout: false,
        keyPrefix: name,
        points,
        duration,
        insuranceLimiter: insurance(points, duration),
      }),
    close: () => pool.end(),
  };
}
