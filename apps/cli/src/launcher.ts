import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import { dragnetSchema } from '@dragnet/domain';
import {
  type AppConfig,
  createRedisConnection,
  dataSourceOptions,
  EmbeddedPostgres,
  migrateDatabase,
  migrateQueueSchema,
} from '@dragnet/platform';
import { Client } from 'pg';

const log = (message: string) => console.log(`[dragnet] ${message}`);

/** The built output this CLI belongs to (…/apps/cli/apps/cli/src/launcher.js → …). */
const BUILT = resolve(__dirname, '../../../../..');

/** What `npm start` runs: the entry points and Node flags of `npm run start:api` and `npm run start:worker`. */
const PROCESSES: { name: string; args: string[] }[] = [
  { name: 'api', args: [join(BUILT, 'apps/api/apps/api/src/main.js')] },
  {
    name: 'worker',
    args: ['--max-semi-space-size=8', '--max-old-space-size=256', join(BUILT, 'apps/worker/apps/worker/src/main.js')],
  },
];

/**
 * Runs `work` with a database URL: DATABASE_URL when it is set (never anything else: an unreachable
 * server is an error, not a reason to start another one and split the data), or else an embedded
 * PostgreSQL under EMBEDDED_POSTGRES_DIR, stopped when `work` is done.
 */
export async function withDatabase<T>(
  config: AppConfig,
  work: (url: string, embedded: boolean) => Promise<T>,
): Promise<T> {
  if (config.DATABASE_URL) {
    await assertReachable(config.DATABASE_URL);
    return work(config.DATABASE_URL, false);
  }
  const server = new EmbeddedPostgres(config.EMBEDDED_POSTGRES_DIR, config.EMBEDDED_POSTGRES_PORT, log);
  try {
    return await work(await server.start(), true);
  } finally {
    await server.stop();
  }
}

export async function migrate(config: AppConfig, url: string): Promise<string[]> {
  const applied = await migrateDatabase(url, dataSourceOptions({ ...config, DATABASE_URL: url }, dragnetSchema));
  // The queues' tables too when they live in this database, so the API and the worker (which may log
  // in as a role that owns nothing) never have to create them.
  if (config.queueBackend === 'postgres') await migrateQueueSchema(url);
  return applied;
}

/**
 * The whole database in pg_dump's custom format, to move an embedded start to an external server
 * (docs/deployment.md). Uses the machine's pg_dump, which must be of the server's major version (15) or newer.
 */
export async function dump(url: string, file: string): Promise<void> {
  await promisify(execFile)('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', file, url]).catch(
    (error: Error & { code?: string }) => {
      throw new Error(
        error.code === 'ENOENT' ? 'pg_dump is not installed (PostgreSQL client tools, 15 or newer)' : error.message,
      );
    },
  );
}

/**
 * `npm start`: one database for everyone (the embedded one is started once, here), migrations, then
 * the API and the worker as child processes. SIGINT or SIGTERM stops the children first (the worker
 * finishes its jobs), the embedded database last; if a child dies, the others are stopped too.
 */
export async function start(config: AppConfig): Promise<number> {
  await warnIfRedisUnreachable(config);
  return withDatabase(config, async (url, embedded) => {
    if (config.MIGRATIONS_RUN) {
      const applied = await migrate(config, url);
      log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database is up to date');
    }
    log(
      `Database: ${embedded ? `embedded PostgreSQL in ${config.EMBEDDED_POSTGRES_DIR}` : 'DATABASE_URL'}; ` +
        `queues, live events and login limits: ${config.REDIS_URL ? 'Redis (REDIS_URL)' : 'PostgreSQL (no REDIS_URL)'}`,
    );
    const environment = {
      ...process.env,
      DATABASE_URL: url,
      EMBEDDED_POSTGRES: String(embedded),
      // Migrated above, once.
      MIGRATIONS_RUN: 'false',
    };
    return runUntilStopped(environment);
  });
}

function runUntilStopped(environment: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done) => {
    let stopping = false;
    let exitCode = 0;
    const running = new Set<ChildProcess>();
    const stopAll = (reason: string) => {
      if (stopping) return;
      stopping = true;
      log(`${reason}: stopping the API and the worker`);
      for (const child of running) child.kill('SIGTERM');
    };
    const onSignal = (signal: NodeJS.Signals) => stopAll(`${signal} received`);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    for (const { name, args } of PROCESSES) {
      // The IPC channel lets a child notice that this launcher died, and stop (see apps/*/src/main.ts).
      const child = spawn(process.execPath, args, { env: environment, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      running.add(child);
      child.once('exit', (code, signal) => {
        running.delete(child);
        if (!stopping) {
          exitCode = 1;
          stopAll(`The ${name} ended (${signal ?? `exit ${code}`})`);
        }
        if (running.size > 0) return;
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        done(exitCode);
      });
    }
  });
}

/** Says which server and why, instead of a stack trace from the first query. */
async function assertReachable(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect().catch(async (error: Error & { code?: string }) => {
      // The database itself may be missing: migrations create it. The server answered, which is what counts here.
      if (error.code !== '3D000') throw error;
    });
  } catch (error) {
    const { host, port } = new URL(url);
    throw new Error(
      `DATABASE_URL is set but PostgreSQL at ${host}${port ? '' : ':5432'} cannot be used: ${(error as Error).message}. ` +
        'Dragnet does not start an embedded database while DATABASE_URL is set.',
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Redis may come later (the worker waits for it, the outbox keeps jobs), but the operator hears about it now. */
async function warnIfRedisUnreachable(config: AppConfig): Promise<void> {
  if (!config.REDIS_URL) return;
  const redis = createRedisConnection(config.REDIS_URL, 'producer');
  try {
    await redis.ping();
  } catch (error) {
    const { host, port } = new URL(config.REDIS_URL);
    log(
      `REDIS_URL is set but Redis at ${host}${port ? '' : ':6379'} does not answer (${(error as Error).message}): ` +
        'the worker waits for it and /api/health answers 503 meanwhile; Dragnet does not move the queues to PostgreSQL.',
    );
  } finally {
    redis.disconnect();
  }
}
