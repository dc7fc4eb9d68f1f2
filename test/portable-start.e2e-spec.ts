import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort, withDatabase as urlWithDatabase } from '@dragnet/platform';
import { BuiltDragnet } from './support/built-dragnet';
import { adminQuery } from './support/test-database';
import { testServerUrl } from './support/test-servers';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Step 4 of docs/deployment.md ("Moving the data of an embedded start"): what the role that owns nothing may use. */
const deploymentGrants = (role: string) => `
  GRANT USAGE ON SCHEMA public, bullmq TO ${role};
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public, bullmq TO ${role};
  GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public, bullmq TO ${role};
  GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public, bullmq TO ${role};`;

async function adminQueryRows(sql: string, parameters: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return (await client.query(sql, parameters)).rows;
  } finally {
    await client.end();
  }
}

/** `npm start` as a user runs it: the launcher, from a directory of its own, with no DATABASE_URL and no REDIS_URL. */
class Launcher {
  readonly output: string[] = [];
  private child: ChildProcess | undefined;
  port = 0;

  constructor(
    private readonly built: BuiltDragnet,
    private readonly home: string,
  ) {}

  get api(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<void> {
    this.port = await freePort();
    this.output.length = 0;
    this.child = spawn(process.execPath, [this.built.main('cli'), 'start'], {
      cwd: this.home,
      env: { ...this.built.environment(), PORT: String(this.port), PUBLIC_URL: `http://127.0.0.1:${this.port}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => this.output.push(chunk.toString());
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    const deadline = Date.now() + 180_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`npm start ended:\n${this.log()}`);
      const health = await fetch(`${this.api}/health`).catch(() => undefined);
      if (health?.status === 200) return;
      await sleep(250);
    }
    throw new Error(`Dragnet did not answer within 3 minutes:\n${this.log()}`);
  }

  /** Sends the signal and resolves with how the launcher ended. */
  async stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: string | null }> {
    const child = this.child!;
    if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
    return new Promise((done) => {
      child.once('exit', (code, ended) => done({ code, signal: ended }));
      child.kill(signal);
    });
  }

  log(): string {
    return this.output.join('');
  }

  async call(method: string, route: string, body?: unknown, token?: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.api}${route}`, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, body: type.includes('json') ? JSON.parse(text) : text };
  }

  async login(email: string, password: string): Promise<string> {
    const response = await this.call('POST', '/auth/login', { email, password });
    expect(response.status).toBe(200);
    return response.body.accessToken as string;
  }
}

describe('npm start with nothing but Node: embedded PostgreSQL, queues on PostgreSQL, the README walk-through', () => {
  const built = new BuiltDragnet();
  let home: string;
  let launcher: Launcher;
  const postmasterPid = () => join(home, 'var/postgres/data/postmaster.pid');

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'dragnet-portable-'));
    // Run as root, the server runs as the postgres user, who must be able to pass through (mkdtemp makes 0700).
    await chmod(home, 0o755);
    await built.build(['cli', 'api', 'worker']);
    launcher = new Launcher(built, home);
  }, 300_000);

  afterAll(async () => {
    await launcher?.stop('SIGTERM');
    await built.remove();
    await rm(home, { recursive: true, force: true });
  });

  it('starts, says where the first admin password is, runs the walk-through, stops cleanly, and starts again on the same data', async () => {
    await launcher.start();
    const health = await launcher.call('GET', '/health');
    expect(health.body.info.mode).toEqual({ status: 'up', database: 'embedded', queues: 'postgres' });
    expect(health.body.info.redis).toBeUndefined();

    // First start without ADMIN_EMAIL / ADMIN_PASSWORD: a generated password, in a file only its owner reads.
    const passwordFile = join(home, 'var/initial-admin-password');
    const password = (await readFile(passwordFile, 'utf8')).trim();
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect((await stat(passwordFile)).mode & 0o777).toBe(0o600);
    expect(launcher.log()).toContain('var/initial-admin-password');
    expect(launcher.log()).not.toContain(password);

    // The README walk-through, from the admin's first login to the export's download.
    const admin = await launcher.login('admin@dragnet.local', password);
    expect(
      (
        await launcher.call(
          'POST',
          '/users',
          {
            email: 'fis@dragnet.local',
            displayName: 'FIS coordinator',
            password: 'tangerine lighthouse 42',
            role: 'coordinator',
          },
          admin,
        )
      ).status,
    ).toBe(201);
    const token = await launcher.login('fis@dragnet.local', 'tangerine lighthouse 42');
    const operation = await launcher.call(
      'POST',
      '/operations',
      { code: 'HYDRA-2016', name: 'Operation Hydra', operationalStart: '2016-05-09', operationalEnd: '2016-05-13' },
      token,
    );
    expect(operation.status).toBe(201);
    const operationId = operation.body.id as string;
    const joined = await launcher.call(
      'POST',
      `/operations/${operationId}/participants`,
      {
        country: 'IT',
        roles: ['transit', 'destination'],
        ncbName: 'NCB Rome',
        focalPointEmails: ['focal.point@ncb-rome.example'],
      },
      token,
    );
    expect(joined.status).toBe(201);
    expect(
      (await launcher.call('POST', `/operations/${operationId}/status`, { status: 'nomination' }, token)).status,
    ).toBeLessThan(300);
    const target = await launcher.call(
      'POST',
      `/operations/${operationId}/targets`,
      {
        familyName: 'Al Masri',
        givenNames: 'Mohamed',
        birthYear: 1979,
        nominatingCountry: 'IT',
        wantedByCountry: 'IT',
        offenceCategories: ['migrant_smuggling'],
        smugglingRole: 'organiser',
      },
      token,
    );
    expect(target.status).toBe(201);
    expect(target.body.reference).toBe('HYDRA-2016-0001');
    const targetId = target.body.id as string;
    expect(
      (await launcher.call('POST', `/targets/${targetId}/status`, { status: 'accepted', version: 1 }, token)).status,
    ).toBeLessThan(300);
    expect(
      (await launcher.call('POST', `/operations/${operationId}/status`, { status: 'active' }, token)).status,
    ).toBeLessThan(300);
    const lead = {
      reportingCountry: 'IT',
      country: 'IT',
      place: 'Ancona, ferry terminal',
      observedAt: '2016-05-10T08:30:00Z',
      type: 'sighting',
      narrative: 'Seen boarding the Patras ferry',
      sourceReliability: 'B',
      informationAssessment: 2,
      handlingCode: 'H1',
    };
    const key = { 'Idempotency-Key': 'lead-ancona-0001' };
    const first = await launcher.call('POST', `/targets/${targetId}/leads`, lead, token, key);
    const repeat = await launcher.call('POST', `/targets/${targetId}/leads`, lead, token, key);
    expect(first.status).toBe(201);
    expect(repeat.body.id).toBe(first.body.id);
    const arrested = await launcher.call(
      'POST',
      `/targets/${targetId}/status`,
      { status: 'arrested', country: 'IT', version: 2 },
      token,
    );
    expect(arrested.status).toBeLessThan(300);
    const refreshed = await launcher.call('POST', `/operations/${operationId}/status/refresh`, undefined, token);
    expect(refreshed.body.headline).toMatchObject({
      arrested: 1,
      text: '1 fugitive arrested and 0 located in 1 country',
    });
    for (const status of ['follow_up', 'closed']) {
      expect((await launcher.call('POST', `/operations/${operationId}/status`, { status }, token)).status).toBeLessThan(
        300,
      );
    }
    const requested = await launcher.call('POST', `/operations/${operationId}/exports`, { format: 'csv' }, token);
    expect(requested.status).toBe(202);
    // The worker builds the file: a job through the outbox and BullMQ's Postgres backend.
    let exported = requested.body;
    for (let attempt = 0; attempt < 240 && exported.status !== 'ready'; attempt++) {
      await sleep(250);
      exported = (await launcher.call('GET', `/exports/${requested.body.id}`, undefined, token)).body;
    }
    expect(exported.status).toBe('ready');
    const file = await launcher.call('GET', `/exports/${requested.body.id}/download`, undefined, token);
    expect(file.status).toBe(200);
    expect(file.body).toContain('HYDRA-2016-0001');
    expect(file.body).toContain('arrested');
    // The participant e-mail went the same way, into var/outbox/ (no SMTP_URL).
    const mails = await readdir(join(home, 'var/outbox')).catch(() => []);
    expect(mails.length).toBeGreaterThanOrEqual(1);

    // SIGINT: the API and the worker stop, then the database, and the launcher ends cleanly.
    expect(await launcher.stop('SIGINT')).toEqual({ code: 0, signal: null });
    expect(launcher.log()).toContain('Embedded PostgreSQL stopped');
    await expect(stat(postmasterPid())).rejects.toThrow();

    // The next start reuses the data: the coordinator, the operation and the admin password are still there.
    await launcher.start();
    expect(launcher.log()).not.toContain('Initialising');
    const again = await launcher.login('fis@dragnet.local', 'tangerine lighthouse 42');
    expect((await launcher.call('GET', `/operations/${operationId}`, undefined, again)).body.status).toBe('closed');
    expect((await readFile(passwordFile, 'utf8')).trim()).toBe(password);
    await launcher.login('admin@dragnet.local', password);
    expect(await launcher.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  }, 600_000);

  it('recovers after a crash: a launcher killed with SIGKILL leaves a server and a lock behind', async () => {
    await launcher.start();
    expect(await launcher.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    // The API and the worker notice the launcher is gone and stop; the database (its own session) is still up.
    await expect(stat(postmasterPid())).resolves.toBeDefined();
    await launcher.start();
    expect(launcher.log()).toContain('an earlier start left running');
    expect(await launcher.stop('SIGTERM')).toEqual({ code: 0, signal: null });

    // A server killed outright leaves only its lock file, possibly naming a pid now used by another process.
    await launcher.start();
    const serverPid = Number((await readFile(postmasterPid(), 'utf8')).split('\n')[0]);
    await launcher.stop('SIGKILL');
    process.kill(serverPid, 'SIGKILL');
    await sleep(1_000);
    await launcher.start();
    expect(launcher.log()).toContain('lock file a crashed embedded PostgreSQL left behind');
    expect((await launcher.call('GET', '/health')).status).toBe(200);
    expect(await launcher.stop('SIGINT')).toEqual({ code: 0, signal: null });
  }, 600_000);

  it('moves an embedded start into an external server with pg_dump and pg_restore (docs/deployment.md)', async () => {
    const pgDump = await promisify(execFile)('pg_dump', ['--version']).catch(() => undefined);
    if (!pgDump) {
      console.warn('[tests] skipped the pg_dump move: no PostgreSQL client tools on this machine');
      return;
    }
    const dump = join(home, 'dragnet.dump');
    // The documented command: the CLI starts the embedded server for the dump and stops it after.
    await promisify(execFile)(process.execPath, [built.main('cli'), 'dump', dump], {
      cwd: home,
      env: built.environment(),
    });
    // The external server of docs/deployment.md: a role that owns the database, and one that owns nothing.
    const external = `dragnet_moved_${process.pid}`;
    const owner = { name: `dragnet_owner_${process.pid}`, password: 'owner-password' };
    const app = { name: `dragnet_app_${process.pid}`, password: 'app-password' };
    const as = (role: { name: string; password: string }) => {
      const url = new URL(urlWithDatabase(testServerUrl(), external));
      url.username = role.name;
      url.password = role.password;
      return url.toString();
    };
    const processes: ChildProcess[] = [];
    const output: string[] = [];
    let operationId: string;
    try {
      for (const role of [owner, app]) await adminQuery(`CREATE ROLE ${role.name} LOGIN PASSWORD '${role.password}'`);
      await adminQuery(`CREATE DATABASE "${external}" OWNER ${owner.name}`);
      // Step 3, as the owner.
      await promisify(execFile)('pg_restore', [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '-d',
        as(owner),
        dump,
      ]);
      // Step 4, as the owner: the statements of docs/deployment.md.
      const client = new Client({ connectionString: as(owner) });
      await client.connect();
      try {
        await client.query(`GRANT CONNECT ON DATABASE "${external}" TO ${app.name}`);
        await client.query(deploymentGrants(app.name));
        const { rows } = await client.query(`SELECT id, code, status FROM operations`);
        expect(rows.map(({ code, status }) => ({ code, status }))).toEqual([{ code: 'HYDRA-2016', status: 'closed' }]);
        const users = await client.query(`SELECT email FROM users ORDER BY email`);
        expect(users.rows.map((row) => row.email)).toEqual(['admin@dragnet.local', 'fis@dragnet.local']);
        operationId = rows[0].id as string;
      } finally {
        await client.end();
      }

      // Step 5: the API and the worker on it as the role that owns nothing, queues still on PostgreSQL.
      const port = await freePort();
      const environment = {
        ...built.environment(),
        DATABASE_URL: as(app),
        MIGRATIONS_RUN: 'false',
        PORT: String(port),
        LOG_LEVEL: 'warn',
      };
      for (const name of ['api', 'worker'] as const) {
        const child = spawn(process.execPath, [built.main(name)], { cwd: home, env: environment, stdio: 'pipe' });
        child.stdout!.on('data', (chunk: Buffer) => output.push(`[${name}] ${chunk.toString()}`));
        child.stderr!.on('data', (chunk: Buffer) => output.push(`[${name}] ${chunk.toString()}`));
        processes.push(child);
      }
      const api = `http://127.0.0.1:${port}/api`;
      const deadline = Date.now() + 120_000;
      while ((await fetch(`${api}/health`).catch(() => undefined))?.status !== 200) {
        if (Date.now() > deadline || processes.some((child) => child.exitCode !== null)) {
          throw new Error(`Dragnet did not start on the moved data as ${app.name}:\n${output.join('')}`);
        }
        await sleep(250);
      }
      // It sees the data of the embedded start: the coordinator logs in, the operation is there.
      const login = await fetch(`${api}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'fis@dragnet.local', password: 'tangerine lighthouse 42' }),
      });
      expect(login.status).toBe(200);
      const { accessToken } = (await login.json()) as { accessToken: string };
      const operation = await fetch(`${api}/operations/${operationId}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(operation.status).toBe(200);
      expect(((await operation.json()) as { status: string }).status).toBe('closed');
      // The worker's BullMQ workers are connected (their LISTEN connections carry the queue's name).
      const listening = async () => {
        const result = await adminQueryRows(
          `SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = $1 AND usename = $2 AND application_name = 'reminders'`,
          [external, app.name],
        );
        return result[0].count as number;
      };
      const workerDeadline = Date.now() + 60_000;
      while ((await listening()) === 0) {
        if (Date.now() > workerDeadline || processes[1].exitCode !== null) {
          throw new Error(`The worker did not start on the moved data as ${app.name}:\n${output.join('')}`);
        }
        await sleep(250);
      }
      expect(output.join('')).not.toMatch(/permission denied|must be owner/);
    } finally {
      await Promise.all(
        processes.map(
          (child) =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done(undefined);
              child.once('exit', done);
              child.kill('SIGTERM');
            }),
        ),
      );
      await adminQuery(`DROP DATABASE IF EXISTS "${external}" WITH (FORCE)`);
      for (const role of [app, owner]) await adminQuery(`DROP ROLE IF EXISTS ${role.name}`);
    }
  }, 300_000);
});
