import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import IORedis from 'ioredis';

const ROOT = resolve(__dirname, '../../../..');
const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const ADMIN = { email: 'admin@console.test', password: 'correct horse battery staple for tests' };

export interface RunningDragnet {
  url: string;
  outboxDir: string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function start(name: string, script: string, environment: NodeJS.ProcessEnv, extraArgs: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...extraArgs, join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = (chunk: Buffer) => {
    if (process.env.DRAGNET_E2E_LOGS) process.stderr.write(`[${name}] ${chunk.toString()}`);
  };
  child.stdout?.on('data', log);
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk.toString()}`));
  return child;
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 300));
  }
  throw new Error('the API did not become healthy within 120 s');
}

/**
 * The built API and worker (`npm run build`), as `npm start` runs them, on a database and queue
 * prefix of their own (created here, removed by stop), a free port, and e-mails as .eml files.
 */
export async function startDragnet(overrides: NodeJS.ProcessEnv = {}): Promise<RunningDragnet> {
  const suffix = randomBytes(4).toString('hex');
  const database = `dragnet_console_${suffix}`;
  const queuePrefix = `{console-${suffix}}`;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const outboxDir = mkdtempSync(join(tmpdir(), 'dragnet-console-outbox-'));
  const exportDir = mkdtempSync(join(tmpdir(), 'dragnet-console-exports-'));
  const databaseUrl = new URL(SERVER_URL);
  databaseUrl.pathname = `/${database}`;
  const environment: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    PORT: String(port),
    PUBLIC_URL: url,
    DATABASE_URL: databaseUrl.toString(),
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    MAIL_OUTBOX_DIR: outboxDir,
    EXPORT_DIR: exportDir,
    CONSOLE_DIR: join(ROOT, 'dist/console'),
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_INTERVAL_MS: '100',
    ROLLUP_DEBOUNCE_MS: '500',
    AUDIT_SEAL_INTERVAL_MS: '500',
    LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '1000',
    LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '10000',
    ...overrides,
  };
  // The API creates and migrates the database; the worker starts once it is there.
  const api = start('api', 'dist/apps/api/apps/api/src/main.js', environment);
  await waitForHealth(url, api);
  const worker = start(
    'worker',
    'dist/apps/worker/apps/worker/src/main.js',
    { ...environment, MIGRATIONS_RUN: 'false' },
    ['--max-old-space-size=256'],
  );
  await new Promise((resolveDelay) => setTimeout(resolveDelay, 1_000));
  if (worker.exitCode !== null)
    throw new Error(`the worker exited with code ${worker.exitCode}: run npm run build first`);

  return {
    url,
    outboxDir,
    async stop() {
      for (const child of [worker, api]) {
        if (child.exitCode === null) {
          const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
          child.kill('SIGTERM');
          await Promise.race([exited, new Promise((resolveDelay) => setTimeout(resolveDelay, 10_000))]);
          if (child.exitCode === null) child.kill('SIGKILL');
        }
      }
      await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
        lazyConnect: true,
        maxRetriesPerRequest: 1,
      });
      try {
        await redis.connect();
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}:*`, 'COUNT', 1000);
          if (keys.length > 0) await redis.unlink(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
      rmSync(outboxDir, { recursive: true, force: true });
      rmSync(exportDir, { recursive: true, force: true });
    },
  };
}
