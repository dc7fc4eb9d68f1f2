import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApi } from '../../apps/api/src/configure-api';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { Role, systemActor, UsersService } from '@dragnet/domain';
import { AppConfig, freePort, JobProducer, loadConfig } from '@dragnet/platform';
import type { BuiltDragnet } from './built-dragnet';
import { createTestDatabase } from './test-database';
import { testRedisEnvironment } from './test-servers';

export const TEST_PASSWORD = 'a long enough test passphrase';

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  country: string | null;
  token: string;
}

/**
 * Dragnet as the tests see it: the real API (and, when asked, the real worker) on a database and
 * queue prefix of its own, against real Postgres and Redis (or, without Redis, the Postgres queue backend).
 */
export class TestDragnet {
  app: INestApplication;
  config: AppConfig;
  private workers: INestApplicationContext[] = [];
  private otherApis: INestApplication[] = [];
  private apiProcesses: ApiProcess[] = [];
  private dropDatabase: () => Promise<void> = async () => undefined;
  /** The export directory this run made itself (none when the test chose one). */
  private ownExportDir: string | null = null;
  private userCount = 0;

  static async start(environment: Record<string, string> = {}): Promise<TestDragnet> {
    const dragnet = new TestDragnet();
    const database = await createTestDatabase();
    dragnet.dropDatabase = database.drop;
    // Result files of this run go to a directory of its own, removed at close, unless the test names one.
    if (!environment.EXPORT_DIR) dragnet.ownExportDir = await mkdtemp(join(tmpdir(), 'dragnet-test-exports-'));
    dragnet.config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      ...testRedisEnvironment(),
      QUEUE_PREFIX: `{test-${randomBytes(4).toString('hex')}}`,
      MIGRATIONS_RUN: 'false',
      OUTBOX_POLL_INTERVAL_MS: '50',
      LOG_LEVEL: 'error',
      MAIL_OUTBOX_DIR: `var/test-outbox/${database.name}`,
      ...(dragnet.ownExportDir ? { EXPORT_DIR: dragnet.ownExportDir } : {}),
      ...environment,
    });
    try {
      dragnet.app = await createApi(dragnet.config);
    } catch (error) {
      // A refused boot (e.g. a Redis namespace in use) leaves nothing behind.
      await dragnet.dropDatabase();
      if (dragnet.ownExportDir) await rm(dragnet.ownExportDir, { recursive: true, force: true });
      throw error;
    }
    return dragnet;
  }

  /** Another API process on the same database and queues, listening on a free port; returns its base URL. */
  async startAnotherApi(): Promise<string> {
    const api = await createApi(this.config);
    this.otherApis.push(api);
    await api.listen(0, '127.0.0.1');
    return `${await api.getUrl()}`.replace('[::1]', '127.0.0.1');
  }

  /**
   * Another API as an OS process of its own, from `built` (its 'api' compiled), sharing with this one
   * what a second replica shares: every setting, so the database, the queue and pub/sub backend with
   * its namespace, the JWT secret and the login limits. Returns its base URL once /api/health is 200.
   */
  async startApiProcess(built: BuiltDragnet): Promise<string> {
    const port = await freePort();
    const environment = {
      ...built.environment(),
      ...settingsOf(this.config),
      // Derived values spelled out, so a default derived differently elsewhere cannot split them.
      JWT_SECRET: this.config.jwtSecret,
      QUEUE_PREFIX: this.config.queuePrefix,
      PUBLIC_URL: this.config.publicUrl,
      PORT: String(port),
    };
    const api = new ApiProcess(built.main('api'), environment);
    this.apiProcesses.push(api);
    const url = `http://127.0.0.1:${port}`;
    await api.answering(`${url}/api/health`);
    return url;
  }

  /** Starts a worker (BullMQ processors and outbox relay) in this process, sharing the test's config. */
  async startWorker(overrides: Partial<AppConfig> = {}): Promise<INestApplicationContext> {
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(AppConfig)
      .useValue(Object.assign(Object.create(AppConfig.prototype), this.config, overrides))
      .compile();
    moduleRef.useLogger(['error']);
    const worker = await moduleRef.init();
    this.workers.push(worker);
    return worker;
  }

  get http() {
    return request(this.app.getHttpServer());
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  get producer(): JobProducer {
    return this.app.get(JobProducer);
  }

  /** Creates a user directly and logs in through the API. */
  async user(role: Role, country: string | null = null, email?: string): Promise<TestUser> {
    this.userCount += 1;
    const address = email ?? `${role}${this.userCount}-${randomBytes(3).toString('hex')}@dragnet.test`;
    const created = await this.app.get(UsersService).create(systemActor('test'), {
      email: address,
      password: TEST_PASSWORD,
      role,
      country,
      displayName: `${role} ${this.userCount}`,
    });
    const login = await this.http.post('/api/auth/login').send({ email: address, password: TEST_PASSWORD }).expect(200);
    return { id: created.id, email: address, role, country, token: login.body.accessToken as string };
  }

  async stopWorkers(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.workers = [];
  }

  async close(): Promise<void> {
    await Promise.all(this.apiProcesses.map((api) => api.stop()));
    await Promise.all(this.otherApis.map((api) => api.close()));
    await this.stopWorkers();
    await this.app?.close();
    await this.dropDatabase();
    await this.removeQueueKeys();
    if (this.ownExportDir) await rm(this.ownExportDir, { recursive: true, force: true });
  }

  /** Deletes every Redis key under this run's queue prefix, so test runs leave nothing behind. */
  private async removeQueueKeys(): Promise<void> {
    // On the Postgres backend the queues live in the suite's database, dropped above.
    if (!this.config.REDIS_URL) return;
    const redis = new IORedis(this.config.REDIS_URL, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.config.queuePrefix}:*`, 'COUNT', 1000);
        if (keys.length > 0) await redis.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
    } catch {
      // A suite that stopped its own Redis has nothing to clean there.
    } finally {
      redis.disconnect();
    }
  }
}

/** The settings of `config` as the environment variables that give them. */
function settingsOf(config: AppConfig): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(config))
    if (value !== undefined && value !== null) environment[key] = String(value);
  return environment;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A compiled API's process (cwd the repository root, as Jest's, so relative directories agree). */
class ApiProcess {
  private readonly child: ChildProcess;
  private readonly output: string[] = [];
  // Whatever ends the test process (a crash, a timeout) ends this one too.
  private readonly killOnExit = () => this.child.kill('SIGKILL');

  constructor(main: string, environment: Record<string, string>) {
    this.child = spawn(process.execPath, [main], {
      cwd: process.cwd(),
      env: environment,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => this.output.push(chunk.toString());
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    process.once('exit', this.killOnExit);
  }

  private get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once `health` answers 200; fails, with the process's output, if it ends or takes two minutes. */
  async answering(health: string): Promise<void> {
    const deadline = Date.now() + 120_000;
    while ((await fetch(health).catch(() => undefined))?.status !== 200) {
      if (!this.running || Date.now() > deadline) {
        const why = this.running
          ? 'did not answer within 2 minutes'
          : `ended (${this.child.exitCode ?? this.child.signalCode})`;
        await this.stop();
        throw new Error(`The API process ${why}:\n${this.output.join('').slice(-4_000)}`);
      }
      await sleep(250);
    }
  }

  /** SIGTERM (open streams end, requests finish), SIGKILL if it is still there 15 s later. */
  async stop(): Promise<void> {
    process.removeListener('exit', this.killOnExit);
    if (!this.running) return;
    const ended = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await ended;
    clearTimeout(timer);
  }
}

async function createApi(config: AppConfig): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .compile();
  moduleRef.useLogger(['error']);
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: ['error'] });
  configureApi(app, config);
  try {
    await app.init();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}

export const bearer = (user: { token: string }) => ({ Authorization: `Bearer ${user.token}` });
