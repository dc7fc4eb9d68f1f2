import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
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
import { AppConfig, JobProducer, loadConfig } from '@dragnet/platform';
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
