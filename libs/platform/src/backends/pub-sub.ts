import type { Redis } from 'ioredis';
import { Client, Pool } from 'pg';
import type { AppConfig } from '../config/app-config';
import { createRedisConnection } from '../queue/redis-connection';

/**
 * A broadcast channel between Dragnet processes: Redis pub/sub when REDIS_URL is set, Postgres
 * LISTEN/NOTIFY otherwise. Delivery is best effort on both: a message sent while a subscriber is
 * reconnecting is lost to it, and callers are written for that.
 */
export interface PubSubChannel {
  /** Rejects when the message could not be handed to the store. */
  publish(message: string): Promise<void>;
  /**
   * Starts listening (once); reconnects by itself after an outage. Resolves when the first attempt
   * to listen has been answered (listening, or failed and retrying), so a caller can wait for it.
   */
  subscribe(onMessage: (message: string) => void, onError: (error: Error) => void): Promise<void>;
  close(): Promise<void>;
}

/**
 * `name` is a plain identifier (letters, digits, underscores). Redis pub/sub ignores database
 * numbers, so a Redis channel names the deployment's namespace and the database; a Postgres channel
 * lives in Dragnet's own database already.
 */
export function createPubSubChannel(config: AppConfig, name: string): PubSubChannel {
  return config.REDIS_URL
    ? new RedisChannel(config.REDIS_URL, `${config.queuePrefix}:db${config.redisDatabase}:${name.replace(/_/g, '-')}`)
    : new PostgresChannel(config.databaseUrl, `dragnet_${name}`);
}

class RedisChannel implements PubSubChannel {
  // Connects at once: the publisher fails fast when not connected, so a lazy one would drop the first message.
  private readonly publisher: Redis;
  private subscriber: Redis | undefined;
  private listening: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly channel: string,
  ) {
    this.publisher = createRedisConnection(url, 'producer');
  }

  async publish(message: string): Promise<void> {
    await this.publisher.publish(this.channel, message);
  }

  subscribe(onMessage: (message: string) => void, onError: (error: Error) => void): Promise<void> {
    if (this.subscriber) return this.listening ?? Promise.resolve();
    // A subscribing connection waits out Redis outages and resubscribes by itself.
    this.subscriber = createRedisConnection(this.url, 'worker');
    this.subscriber.on('message', (_channel: string, message: string) => onMessage(message));
    this.listening = this.subscriber.subscribe(this.channel).then(
      () => undefined,
      (error: Error) => onError(error),
    );
    return this.listening;
  }

  async close(): Promise<void> {
    this.publisher.disconnect();
    this.subscriber?.disconnect();
  }
}

const RECONNECT_MS = 1_000;

class PostgresChannel implements PubSubChannel {
  private readonly publisher: Pool;
  private listener: Client | undefined;
  private listening: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
  ) {
    this.publisher = new Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 2_000 });
    this.publisher.on('error', () => undefined);
  }

  async publish(message: string): Promise<void> {
    await this.publisher.query('SELECT pg_notify($1, $2)', [this.channel, message]);
  }

  subscribe(onMessage: (message: string) => void, onError: (error: Error) => void): Promise<void> {
    if (this.listener || this.closed) return this.listening ?? Promise.resolve();
    // A LISTEN lives on one connection: when it drops (a database restart), listen again on a new one.
    const client = new Client({ connectionString: this.url, keepAlive: true });
    this.listener = client;
    const retry = (error: Error) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      void client.end().catch(() => undefined);
      if (this.closed) return;
      onError(error);
      setTimeout(() => this.subscribe(onMessage, onError), RECONNECT_MS).unref();
    };
    client.on('error', retry);
    client.on('end', () => retry(new Error('connection ended')));
    client.on('notification', (notification) => {
      if (notification.channel === this.channel && notification.payload !== undefined) onMessage(notification.payload);
    });
    const listening = client
      .connect()
      .then(() => client.query(`LISTEN "${this.channel}"`))
      .then(() => undefined, retry);
    // The first attempt's answer; a reconnection after an outage listens again on its own.
    this.listening ??= listening;
    return listening;
  }

  async close(): Promise<void> {
    this.closed = true;
    const listener = this.listener;
    this.listener = undefined;
    await Promise.all([listener?.end().catch(() => undefined), this.publisher.end().catch(() => undefined)]);
  }
}
