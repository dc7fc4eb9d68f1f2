import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { EmbeddedPostgres, postgresAnswers } from '@dragnet/platform';

/**
 * Which Postgres server and which queue store the tests use. CI sets nothing and gets the local
 * servers; a machine with only Node gets an embedded PostgreSQL and the Postgres queue backend;
 * `npm run test:portable` (DRAGNET_TEST_PORTABLE=1) asks for those even where servers run.
 */
export const PORTABLE = ['1', 'true', 'yes'].includes((process.env.DRAGNET_TEST_PORTABLE ?? '').toLowerCase());

const DATABASE_ENV = 'TEST_DATABASE_URL';
const REDIS_ENV = 'TEST_REDIS_URL';
const QUEUES_ENV = 'DRAGNET_TEST_QUEUES';
const CONFIGURED_DATABASE = 'postgres://postgres@127.0.0.1:5432/postgres';
const CONFIGURED_REDIS = 'redis://127.0.0.1:6379';

/** The server the tests use (its `postgres` database); each suite gets its own database on it. */
export const testServerUrl = (): string => process.env[DATABASE_ENV] ?? CONFIGURED_DATABASE;

/** Where the queues, live events and login limits of the tests go. */
export const testQueueBackend = (): 'redis' | 'postgres' =>
  process.env[QUEUES_ENV] === 'postgres' ? 'postgres' : 'redis';

/** REDIS_URL for a TestDragnet: absent on the Postgres backend. */
export const testRedisEnvironment = (): Record<string, string> =>
  testQueueBackend() === 'redis' ? { REDIS_URL: process.env[REDIS_ENV] ?? CONFIGURED_REDIS } : {};

/** For suites that prove Redis-only behaviour: skipped, with the reason in their name, on the Postgres backend. */
export function describeOnRedis(name: string, body: () => void): void {
  if (testQueueBackend() === 'redis') describe(name, body);
  else describe.skip(`${name} [skipped: needs Redis; the queues run on PostgreSQL in this run]`, body);
}

export function itOnRedis(name: string, body: () => Promise<void>, timeout?: number): void {
  if (testQueueBackend() === 'redis') it(name, body, timeout);
  else it.skip(`${name} [skipped: needs Redis; the queues run on PostgreSQL in this run]`, body);
}

const EMBEDDED_KEY = '__dragnetTestEmbeddedPostgres';
type Holder = { [EMBEDDED_KEY]?: { server: EmbeddedPostgres; directory: string } };

/** Run by globalSetup: decides, starts an embedded server if needed, and tells the suites through the environment. */
export async function prepareTestServers(): Promise<void> {
  const configuredDatabase = process.env[DATABASE_ENV] ?? CONFIGURED_DATABASE;
  if (PORTABLE || !(await postgresAnswers(configuredDatabase))) {
    const directory = join(tmpdir(), `dragnet-test-postgres-${process.pid}`);
    const server = new EmbeddedPostgres(directory);
    process.env[DATABASE_ENV] = await server.start('postgres');
    (globalThis as Holder)[EMBEDDED_KEY] = { server, directory };
    note(
      PORTABLE
        ? 'portable mode: an embedded PostgreSQL'
        : `no PostgreSQL answers at ${hostOf(configuredDatabase)}: an embedded PostgreSQL`,
    );
  }
  const configuredRedis = process.env[REDIS_ENV] ?? process.env.REDIS_URL ?? CONFIGURED_REDIS;
  if (PORTABLE || !(await redisAnswers(configuredRedis))) {
    process.env[QUEUES_ENV] = 'postgres';
    note(
      `${PORTABLE ? 'portable mode' : `no Redis answers at ${hostOf(configuredRedis)}`}: queues, live events and login limits on PostgreSQL; Redis-only suites are skipped`,
    );
  } else {
    process.env[QUEUES_ENV] = 'redis';
    process.env[REDIS_ENV] = configuredRedis;
  }
}

/** Run by globalTeardown, after the databases are dropped. */
export async function releaseTestServers(): Promise<void> {
  const embedded = (globalThis as Holder)[EMBEDDED_KEY];
  if (!embedded) return;
  await embedded.server.stop();
  await rm(embedded.directory, { recursive: true, force: true });
}

function note(message: string): void {
  console.log(`[tests] ${message}`);
}

function hostOf(url: string): string {
  return new URL(url).host;
}

async function redisAnswers(url: string): Promise<boolean> {
  const redis = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
