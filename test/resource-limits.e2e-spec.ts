import { Client } from 'pg';
import { Role } from '@dragnet/domain';
import { bearer, TestDragnet, TestUser } from './support/test-dragnet';

const ERROR_BODY = {
  statusCode: expect.any(Number),
  error: expect.any(String),
  message: expect.any(String),
  requestId: expect.any(String),
};

describe('Resource limits', () => {
  let dragnet: TestDragnet;
  let coordinator: TestUser;
  let blocker: Client;

  beforeAll(async () => {
    dragnet = await TestDragnet.start({
      DATABASE_POOL_SIZE: '2',
      DATABASE_POOL_WAIT_MS: '300',
      // Long enough that the pool-wait test sees both hogs waiting well before this frees them, even
      // on a busy machine; the test that needs it waits for it, whatever its length.
      DATABASE_STATEMENT_TIMEOUT_MS: '5000',
      BODY_LIMIT: '10kb',
    });
    coordinator = await dragnet.user(Role.Coordinator);
    blocker = new Client({ connectionString: dragnet.config.DATABASE_URL });
    await blocker.connect();
  }, 120_000);
  afterAll(async () => {
    await blocker.end();
    await dragnet.close();
  });

  /** Holds a lock on the operations table, so queries on it wait, until the returned release is called. */
  async function lockOperations(): Promise<() => Promise<void>> {
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE operations IN ACCESS EXCLUSIVE MODE');
    return async () => {
      await blocker.query('ROLLBACK');
    };
  }

  it('cancels a query that runs past DATABASE_STATEMENT_TIMEOUT_MS and answers 503 with Retry-After', async () => {
    const release = await lockOperations();
    try {
      // The lock is held until release(): without the timeout this request would never end, and the
      // message names the mechanism that ended it (no clock: a busy machine stretches every duration).
      const answer = await dragnet.http.get('/api/operations').set(bearer(coordinator));
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('5');
      expect(answer.body).toEqual({
        ...ERROR_BODY,
        message: 'The database is busy (query timed out); try again shortly',
      });
    } finally {
      await release();
    }
    await dragnet.http.get('/api/operations').set(bearer(coordinator)).expect(200);
  });

  it('answers 503 with Retry-After when every connection is taken for longer than DATABASE_POOL_WAIT_MS', async () => {
    const release = await lockOperations();
    try {
      const hogs = [1, 2].map(() =>
        dragnet.http
          .get('/api/operations')
          .set(bearer(coordinator))
          .then((answer) => answer),
      );
      // Both pool connections are taken once both hogs wait for the lock: wait for that state rather
      // than for a fixed time, which a busy machine may not honour.
      // (A client of its own: inside the blocker's transaction pg_stat_activity would not change.)
      const watcher = new Client({ connectionString: dragnet.config.DATABASE_URL });
      await watcher.connect();
      try {
        const deadline = Date.now() + 30_000;
        for (;;) {
          const { rows } = await watcher.query<{ waiting: number }>(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          if (rows[0].waiting >= 2) break;
          if (Date.now() > deadline) throw new Error(`only ${rows[0].waiting} of 2 requests hold a connection`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } finally {
        await watcher.end();
      }
      // Answered by the pool's wait limit, not by a hog freeing its connection: the message says which.
      const answer = await dragnet.http.get('/api/me').set(bearer(coordinator));
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('5');
      expect(answer.body).toEqual({
        ...ERROR_BODY,
        message: 'The database is saturated (no free connection); try again shortly',
      });
      expect((await Promise.all(hogs)).map((hog) => hog.status)).toEqual([503, 503]);
    } finally {
      await release();
    }
    await dragnet.http.get('/api/me').set(bearer(coordinator)).expect(200);
  });

  it('refuses a body over BODY_LIMIT with 413 and a page over 500 with 400', async () => {
    const big = await dragnet.http
      .post('/api/operations')
      .set(bearer(coordinator))
      .send({ code: 'BIG-1', name: 'x'.repeat(20_000) })
      .expect(413);
    expect(big.body).toEqual({ ...ERROR_BODY, statusCode: 413, message: 'Request body is too large' });
    const page = await dragnet.http.get('/api/operations').query({ limit: 501 }).set(bearer(coordinator)).expect(400);
    expect(page.body.details).toEqual([{ field: 'limit', message: 'limit must not be greater than 500' }]);
  });
});
