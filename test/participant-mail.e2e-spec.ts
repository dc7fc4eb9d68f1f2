import { JobName, OutboxService } from '@dragnet/platform';
import { Role } from '@dragnet/domain';
import { PrivateRedis } from './support/private-redis';
import { bearer, TestDragnet, TestUser } from './support/test-dragnet';
import { TestSmtpServer } from './support/test-smtp';
import { itOnRedis, testQueueBackend } from './support/test-servers';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` returns something, for at most 60 s (a busy machine is slow, not wrong). */
async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    const value = await probe();
    if (value !== undefined) return value;
    await delay(100);
  }
  throw new Error('condition not met within 60 s');
}

describe('Jobs end to end: a new participant country is e-mailed through the outbox, BullMQ and SMTP', () => {
  const smtp = new TestSmtpServer();
  // A Redis of its own, to stop it; on the Postgres backend the outbox test is the database restart suite's.
  const redis = testQueueBackend() === 'redis' ? new PrivateRedis() : undefined;
  let dragnet: TestDragnet;
  let coordinator: TestUser;

  async function createOperation(code: string): Promise<string> {
    const response = await dragnet.http
      .post('/api/operations')
      .set(bearer(coordinator))
      .send({ code, name: `Operation ${code}`, operationalStart: '2016-05-09', operationalEnd: '2016-05-13' })
      .expect(201);
    return response.body.id;
  }

  const participant = (country: string, email: string) => ({
    country,
    roles: ['destination'],
    ncbName: `NCB ${country}`,
    focalPointEmails: [email],
  });

  beforeAll(async () => {
    await Promise.all([smtp.start(), redis?.start()]);
    dragnet = await TestDragnet.start({
      SMTP_URL: smtp.url,
      ...(redis ? { REDIS_URL: redis.url } : {}),
      PUBLIC_URL: 'https://dragnet.example',
    });
    await dragnet.startWorker();
    coordinator = await dragnet.user(Role.Coordinator);
  });
  afterAll(async () => {
    await dragnet.close();
    await Promise.all([smtp.stop(), redis?.stop()]);
  });

  it('sends the focal points a plain-text and HTML message naming the country and the operation', async () => {
    const operationId = await createOperation('MAIL-1');
    await dragnet.http
      .post(`/api/operations/${operationId}/participants`)
      .set(bearer(coordinator))
      .send(participant('GR', 'fp@ncb-athens.example'))
      .expect(201);
    const [mail] = await smtp.waitFor((message) => message.to.includes('fp@ncb-athens.example'));
    expect(mail.subject).toBe('[MAIL-1] Greece has joined Operation MAIL-1');
    expect(mail.text).toContain(
      'Greece (GR) now takes part in operation Operation MAIL-1 (MAIL-1) as a destination country.',
    );
    expect(mail.text).toContain(`https://dragnet.example/operations/${operationId}`);
    expect(mail.html).toContain('<strong>Greece (GR)</strong>');
    // The delivery is marked sent just after SMTP accepts the message.
    const delivery = await eventually(async () => {
      const [row] = await dragnet.dataSource.query(
        `SELECT status, recipients FROM mail_deliveries WHERE $1 = ANY(recipients)`,
        ['fp@ncb-athens.example'],
      );
      return row?.status === 'sent' ? row : undefined;
    });
    expect(delivery).toEqual({ status: 'sent', recipients: ['fp@ncb-athens.example'] });
  });

  it('escapes user-supplied text in the HTML part', async () => {
    const operationId = await createOperation('MAIL-2');
    await dragnet.http
      .post(`/api/operations/${operationId}/participants`)
      .set(bearer(coordinator))
      .send({ ...participant('MT', 'fp@ncb-valletta.example'), ncbName: '<script>alert(1)</script>' })
      .expect(201);
    const [mail] = await smtp.waitFor((message) => message.to.includes('fp@ncb-valletta.example'));
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
  });

  it('queues nothing for a change that rolled back', async () => {
    const before = await dragnet.dataSource.query(`SELECT count(*)::int AS count FROM outbox_messages`);
    await expect(
      dragnet.dataSource.transaction(async (manager) => {
        await dragnet.app
          .get(OutboxService)
          .enqueue(manager, JobName.ParticipantJoinedEmail, { participantId: '00000000-0000-4000-8000-000000000000' });
        throw new Error('the change failed after its job was written');
      }),
    ).rejects.toThrow('the change failed');
    const operationId = await createOperation('MAIL-3');
    await dragnet.http
      .post(`/api/operations/${operationId}/participants`)
      .set(bearer(coordinator))
      .send(participant('CY', 'fp@ncb-nicosia.example'))
      .expect(201);
    await dragnet.http
      .post(`/api/operations/${operationId}/participants`)
      .set(bearer(coordinator))
      .send(participant('CY', 'other@ncb-nicosia.example'))
      .expect(409);
    const after = await dragnet.dataSource.query(`SELECT count(*)::int AS count FROM outbox_messages`);
    expect(after[0].count - before[0].count).toBe(1);
    await smtp.waitFor((message) => message.to.includes('fp@ncb-nicosia.example'));
    await delay(500);
    expect(smtp.messages.filter((message) => message.to.includes('other@ncb-nicosia.example'))).toHaveLength(0);
  });

  itOnRedis('keeps the job while Redis is down and sends it exactly once when Redis is back', async () => {
    const operationId = await createOperation('MAIL-4');
    const admin = await dragnet.user(Role.Admin);
    await redis!.stop();
    await dragnet.http
      .post(`/api/operations/${operationId}/participants`)
      .set(bearer(coordinator))
      .send(participant('LY', 'fp@ncb-tripoli.example'))
      .expect(201);
    await delay(1_000);
    expect(smtp.messages.filter((message) => message.to.includes('fp@ncb-tripoli.example'))).toHaveLength(0);
    const [pending] = await dragnet.dataSource.query(
      `SELECT count(*)::int AS count FROM outbox_messages WHERE dispatched_at IS NULL`,
    );
    expect(pending.count).toBe(1);
    // The queue dashboard says so in the error contract, rather than a bare 500.
    const dashboard = await dragnet.http.get('/api/admin/queues/api/queues').set(bearer(admin)).expect(503);
    expect(dashboard.headers['retry-after']).toBe('5');
    expect(dashboard.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'The queue store is unavailable; try again shortly',
      requestId: expect.any(String),
    });
    await redis!.start();
    await smtp.waitFor((message) => message.to.includes('fp@ncb-tripoli.example'), 1, 30_000);
    await delay(1_000);
    expect(smtp.messages.filter((message) => message.to.includes('fp@ncb-tripoli.example'))).toHaveLength(1);
  });

  it('retries a temporary SMTP refusal and records a permanent one as failed', async () => {
    const operationId = await createOperation('MAIL-5');
    smtp.rejectWith = 451;
    await dragnet.http
      .post(`/api/operations/${operationId}/participants`)
      .set(bearer(coordinator))
      .send(participant('TR', 'fp@ncb-ankara.example'))
      .expect(201);
    await delay(1_000);
    smtp.rejectWith = undefined;
    await smtp.waitFor((message) => message.to.includes('fp@ncb-ankara.example'), 1, 20_000);

    smtp.rejectWith = 550;
    await dragnet.http
      .post(`/api/operations/${operationId}/participants`)
      .set(bearer(coordinator))
      .send(participant('TN', 'fp@ncb-tunis.example'))
      .expect(201);
    const failed = await eventually(async () => {
      const [row] = await dragnet.dataSource.query(
        `SELECT status, error FROM mail_deliveries WHERE 'fp@ncb-tunis.example' = ANY(recipients)`,
      );
      return row?.status === 'failed' ? row : undefined;
    });
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('550');
    smtp.rejectWith = undefined;
  });
});
