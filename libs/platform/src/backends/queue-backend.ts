import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import {
  assertSchemaCompatibility,
  createPostgresBackend,
  LATEST_SCHEMA_VERSION,
  type PostgresPoolConfig,
  type Processor,
  Queue,
  type QueueOptions,
  Worker,
  type WorkerOptions,
  runMigrations,
} from 'bullmq';
import type { Redis } from 'ioredis';
import { Client } from 'pg';
import { AppConfig } from '../config/app-config';
import type { QueueName } from '../queue/job-catalog';
import { createRedisConnection } from '../queue/redis-connection';

/**
 * producer: fails fast while its store is down (the outbox keeps the jobs);
 * worker: waits out an outage and carries on when the store is back.
 */
export type QueueRole = 'producer' | 'worker';

/** Where BullMQ keeps its tables in Dragnet's database when there is no Redis. */
const QUEUE_SCHEMA = 'bullmq';
/** Each queue, worker and scheduler has its own small pool (plus one LISTEN connection per worker). */
const POOL_SIZE: Record<QueueRole, number> = { producer: 3, worker: 5 };
const RETRY_READY_MS = 2_000;

/**
 * Creates or upgrades BullMQ's tables (schema `bullmq`) under BullMQ's advisory lock: part of
 * `dragnet-cli migrate`, run as the role that owns the database, when the queues are on PostgreSQL.
 */
export async function migrateQueueSchema(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await runMigrations(client, QUEUE_SCHEMA);
  } finally {
    await client.end();
  }
}

/** Whether BullMQ's tables are there at the version this BullMQ wants (then nothing needs DDL rights). */
async function queueSchemaIsCurrent(databaseUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await assertSchemaCompatibility(client, QUEUE_SCHEMA)) >= LATEST_SCHEMA_VERSION;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The one place that knows where the queues live: Redis when REDIS_URL is set; otherwise BullMQ's
 * PostgreSQL backend in Dragnet's own database (schema `bullmq`, created by BullMQ's own migrations
 * under its advisory lock; workers are woken by LISTEN/NOTIFY). Queues and workers come from here,
 * so the rest of Dragnet uses one BullMQ API (jobs, job schedulers, deduplication, the limiter) on
 * either store.
 */
@Injectable()
export class QueueBackend implements OnModuleInit, OnApplicationShutdown {
  /** Waiting connections, one per queue or worker that asked for one. */
  private readonly redisConnections = new Map<Queue | Worker, Redis>();
  /** Producers share one fail-fast connection, as BullMQ queues can. */
  private producerConnection: Redis | undefined;

  /**
   * Whether BullMQ runs its migrations when a queue connects. They need DDL rights (CREATE SCHEMA,
   * ALTER TABLE), which the application role of a scaled setup does not have (docs/deployment.md):
   * once the schema is current (migrated by the owner, or restored from a dump) they are skipped.
   */
  private migrateQueues = true;

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    // Unknown (database down at boot): migrate on connect, as BullMQ would.
    if (this.kind === 'postgres') this.migrateQueues = !(await queueSchemaIsCurrent(this.config.databaseUrl));
  }

  get kind(): 'redis' | 'postgres' {
    return this.config.queueBackend;
  }

  /** Redis: whether the producers' connection is up. Postgres is Dragnet's own database: its outages show elsewhere. */
  get producerReady(): boolean {
    return this.kind === 'postgres' || this.producerConnection?.status === 'ready';
  }

  queue(name: QueueName, role: QueueRole, options: Omit<QueueOptions, 'connection' | 'prefix'> = {}): Queue {
    if (this.kind === 'redis') {
      const connection = role === 'producer' ? this.sharedProducerConnection() : this.redisConnection();
      const queue = new Queue(name, { ...options, connection, prefix: this.config.queuePrefix });
      if (role === 'worker') this.redisConnections.set(queue, connection);
      return queue;
    }
    return new Queue(name, { ...options, connection: this.postgres(role) }, createPostgresBackend) as unknown as Queue;
  }

  worker(name: QueueName, processor: Processor, options: Omit<WorkerOptions, 'connection' | 'prefix'>): Worker {
    if (this.kind === 'redis') {
      const connection = this.redisConnection();
      const worker = new Worker(name, processor, { ...options, connection, prefix: this.config.queuePrefix });
      this.redisConnections.set(worker, connection);
      return worker;
    }
    return new Worker(
      name,
      processor,
      { ...options, connection: this.postgres('worker') },
      createPostgresBackend,
    ) as unknown as Worker;
  }

  /**
   * Runs `callback` once the queue's store is reachable, and again after every reconnection to
   * Redis (a Redis that restarted empty lost what the callback registers). Postgres keeps it.
   */
  whenConnected(queue: Queue, callback: () => Promise<void>): void {
    const redis = this.redisConnections.get(queue) ?? (this.kind === 'redis' ? this.producerConnection : undefined);
    if (redis) {
      redis.on('ready', () => void callback());
      return;
    }
    const attempt = (): void =>
      void queue
        .waitUntilReady()
        .then(callback)
        .catch(() => setTimeout(attempt, RETRY_READY_MS).unref());
    attempt();
  }

  /** Closes a queue or worker and the Redis connection made for it (BullMQ only closes its own). */
  async close(target: Queue | Worker): Promise<void> {
    await target.close().catch(() => undefined);
    this.redisConnections.get(target)?.disconnect();
    this.redisConnections.delete(target);
  }

  onApplicationShutdown(): void {
    for (const connection of this.redisConnections.values()) connection.disconnect();
    this.redisConnections.clear();
    this.producerConnection?.disconnect();
  }

  private redisConnection(): Redis {
    return createRedisConnection(this.config.REDIS_URL!, 'worker');
  }

  private sharedProducerConnection(): Redis {
    this.producerConnection ??= createRedisConnection(this.config.REDIS_URL!, 'producer');
    return this.producerConnection;
  }

  private postgres(role: QueueRole): PostgresPoolConfig {
    return {
      connectionString: this.config.databaseUrl,
      schema: QUEUE_SCHEMA,
      migrate: this.migrateQueues,
      max: POOL_SIZE[role],
      // A producer answers at once while the database is down (the outbox retries); a worker waits.
      connectionTimeoutMillis: role === 'producer' ? 2_000 : 10_000,
    };
  }
}
