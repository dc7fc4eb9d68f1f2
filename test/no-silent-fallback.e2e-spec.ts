import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, withDatabase as urlWithDatabase } from '@dragnet/platform';
import { BuiltDragnet } from './support/built-dragnet';
import { adminQuery } from './support/test-database';
import { testServerUrl } from './support/test-servers';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Issue 15, item 3: a configured server that does not answer is named, and never replaced by an
 * embedded one (that would split the data). `npm start` is the launcher (`dragnet-cli start`).
 */
describe('Never a silent fallback: a configured server that does not answer is named, never replaced', () => {
  const built = new BuiltDragnet();
  let home: string;
  const children: ChildProcess[] = [];

  /** The launcher from `home`, with only the given variables; collects what it says. */
  function launch(environment: Record<string, string>): { child: ChildProcess; output: string[] } {
    const child = spawn(process.execPath, [built.main('cli'), 'start'], {
      cwd: home,
      env: { ...built.environment(), LOG_LEVEL: 'warn', ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    children.push(child);
    return { child, output };
  }

  const ended = (child: ChildProcess) =>
    new Promise<{ code: number | null; signal: string | null }>((done) => {
      if (child.exitCode !== null || child.signalCode !== null)
        done({ code: child.exitCode, signal: child.signalCode });
      else child.once('exit', (code, signal) => done({ code, signal }));
    });

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'dragnet-fallback-'));
    await chmod(home, 0o755);
    await built.build(['cli', 'api', 'worker']);
  }, 300_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await built.remove();
    await rm(home, { recursive: true, force: true });
  });

  it('refuses to start while DATABASE_URL does not answer, says which server and why, and starts no embedded PostgreSQL', async () => {
    const port = await freePort(); // nothing listens there
    const { child, output } = launch({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/dragnet` });
    const result = await Promise.race([
      ended(child),
      sleep(60_000).then(() => ({ code: -1, signal: 'still running after 60 s' })),
    ]);
    expect(result).toEqual({ code: 1, signal: null });
    const said = output.join('');
    expect(said).toContain(`DATABASE_URL is set but PostgreSQL at 127.0.0.1:${port} cannot be used`);
    expect(said).toContain('ECONNREFUSED');
    expect(said).toContain('does not start an embedded database while DATABASE_URL is set');
    await expect(stat(join(home, 'var/postgres'))).rejects.toThrow(/ENOENT/);
  }, 120_000);

  it('names Redis when REDIS_URL does not answer, keeps the queues off PostgreSQL and answers health with 503', async () => {
    const database = `dragnet_fallback_${process.pid}`;
    const databaseUrl = urlWithDatabase(testServerUrl(), database);
    const redisPort = await freePort(); // nothing listens there
    const port = await freePort();
    const { child, output } = launch({
      DATABASE_URL: databaseUrl,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      PORT: String(port),
    });
    try {
      let health: Response | undefined;
      const deadline = Date.now() + 180_000;
      while (!health) {
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(`The API did not answer /api/health:\n${output.join('')}`);
        }
        health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
        if (!health) await sleep(250);
      }
      expect(health.status).toBe(503);
      // The error contract names what is down (HttpErrorFilter): Redis, and only Redis.
      const body = (await health.json()) as { message: string; details: { field: string }[] };
      expect(body.message).toBe('Unavailable: redis down');
      expect(body.details.map((detail) => detail.field)).toEqual(['redis']);
      const said = output.join('');
      expect(said).toContain(`REDIS_URL is set but Redis at 127.0.0.1:${redisPort} does not answer`);
      expect(said).toContain('Dragnet does not move the queues to PostgreSQL');
      // Nothing went to the PostgreSQL queue backend instead.
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query(`SELECT count(*)::int AS count FROM pg_namespace WHERE nspname = 'bullmq'`);
        expect(rows[0].count).toBe(0);
      } finally {
        await client.end();
      }
      child.kill('SIGTERM');
      expect(await ended(child)).toEqual({ code: 0, signal: null });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    }
  }, 300_000);
});
