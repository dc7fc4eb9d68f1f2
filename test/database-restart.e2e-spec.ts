import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '@dragnet/domain';
import { dataSourceOptions, EmbeddedPostgres, freePort, migrateDatabase } from '@dragnet/platform';
import { dragnetSchema } from '@dragnet/domain';
import { bearer, TestDragnet, TestUser } from './support/test-dragnet';
import { testQueueBackend } from './support/test-servers';
import { TestSmtpServer } from './support/test-smtp';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe(`The outbox and the queues across a restart of the database (queues on ${testQueueBackend()})`, () => {
  const smtp = new TestSmtpServer();
  let directory: string;
  let database: EmbeddedPostgres;
  let dragnet: TestDragnet;
  let coordinator: TestUser;
  let operationId: string;

  const mailsTo = (address: string) => smtp.messages.filter((message) => message.to.includes(address)).length;
  const join_ = (country: string) =>
    dragnet.http
      .post(`/api/operations/${operationId}/participants`)
      .set(bearer(coordinator))
      .send({
        country,
        roles: ['destination'],
        ncbName: `NCB ${country}`,
        focalPointEmails: [`fp@${country.toLowerCase()}.example`],
      });

  beforeAll(async () => {
    // A PostgreSQL of the suite's own, on a fixed port, so it can be stopped and started again.
    directory = join(tmpdir(), `dragnet-restart-${randomBytes(4).toString('hex')}`);
    database = new EmbeddedPostgres(directory, await freePort());
    const url = await database.start();
    await migrateDatabase(url, dataSourceOptions({ DATABASE_URL: url }, dragnetSchema));
    await smtp.start();
    dragnet = await TestDragnet.start({ DATABASE_URL: url, SMTP_URL: smtp.url });
    await dragnet.startWorker();
    coordinator = await dragnet.user(Role.Coordinator);
    const created = await dragnet.http
      .post('/api/operations')
      .set(bearer(coordinator))
      .send({
        code: 'RESTART-1',
        name: 'Operation Restart',
        operationalStart: '2016-05-09',
        operationalEnd: '2016-05-13',
      })
      .expect(201);
    operationId = created.body.id;
  }, 180_000);

  afterAll(async () => {
    await dragnet?.close();
    await database?.stop();
    await smtp.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it('keeps a committed job through the restart and delivers every e-mail exactly once afterwards', async () => {
    await join_('GR').expect(201);
    await smtp.waitFor((message) => message.to.includes('fp@gr.example'));

    // A change committed while no worker runs: its job waits in the outbox table.
    await dragnet.stopWorkers();
    await join_('MT').expect(201);
    const [pending] = await dragnet.dataSource.query(
      `SELECT count(*)::int AS count FROM outbox_messages WHERE dispatched_at IS NULL`,
    );
    expect(pending.count).toBe(1);

    // The database stops (fast shutdown) and comes back; meanwhile writes answer 503, not a stack trace.
    await database.stop();
    const whileDown = await join_('CY');
    expect(whileDown.status).toBe(503);
    expect(JSON.stringify(whileDown.body)).not.toMatch(/ECONNREFUSED|at \w+ \(/);
    await database.start();

    // A worker started after the restart relays the waiting job; the API's pool reconnects by itself.
    await dragnet.startWorker();
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 201; attempt++) {
      status = (await join_('CY')).status;
      if (status !== 201) await sleep(200);
    }
    expect(status).toBe(201);
    await smtp.waitFor((message) => message.to.includes('fp@mt.example'), 1, 30_000);
    await smtp.waitFor((message) => message.to.includes('fp@cy.example'), 1, 30_000);

    // A second restart under the running worker: its queue connections (and LISTEN) come back by themselves.
    await database.stop();
    await sleep(1_000);
    await database.start();
    status = 0;
    for (let attempt = 0; attempt < 50 && status !== 201; attempt++) {
      status = (await join_('LY')).status;
      if (status !== 201) await sleep(200);
    }
    expect(status).toBe(201);
    await smtp.waitFor((message) => message.to.includes('fp@ly.example'), 1, 60_000);

    await sleep(2_000);
    expect(['GR', 'MT', 'CY', 'LY'].map((country) => mailsTo(`fp@${country.toLowerCase()}.example`))).toEqual([
      1, 1, 1, 1,
    ]);
  }, 240_000);
});
