import IORedis, { type Redis, type RedisOptions } from 'ioredis';

/**
 * Workers block on Redis and must wait out an outage (maxRetriesPerRequest: null); producers fail
 * fast instead, and the outbox keeps their jobs until Redis is back.
 */
export function createRedisConnection(url: string, role: 'worker' | 'producer' | 'client'): Redis {
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000, lazyConnect: false };
  const connection = new IORedis(url, options);
  // ioredis reconnects by itself; without a listener an outage would crash the process.
  connection.on('error', () => undefined);
  return connection;
}
