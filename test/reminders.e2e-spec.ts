import { JobName, QueueName } from '@dragnet/platform';
import { RemindersService, Role } from '@dragnet/domain';
import { FieldworkFixture } from './support/fieldwork-fixture';
import { bearer, TestDragnet, TestUser } from './support/test-dragnet';
import { TestSmtpServer, type ReceivedMail } from './support/test-smtp';

const HOUR = 3600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR);

describe('Reminders, escalations and daily digests', () => {
  const smtp = new TestSmtpServer();
  let dragnet: TestDragnet;
  let fixture: FieldworkFixture;
  let coordinator: TestUser;
  let operationId: string;
  let targetId: string;
  let targetReference: string;

  const tasks: Record<string, string> = {};
  const to = (address: string) => (mail: ReceivedMail) => mail.to.includes(address);
  const about = (text: string) => (mail: ReceivedMail) => mail.subject.includes(text) || mail.text.includes(text);
  const reminders = () => dragnet.app.get(RemindersService);

  /** A task of Greece, then moved in time (and status) as the case needs. */
  async function task(name: string, change: { createdAt?: Date; dueAt?: Date; status?: string }): Promise<string> {
    const response = await dragnet.http
      .post(`/api/operations/${operationId}/tasks`)
      .set(bearer(coordinator))
      .send({ assignedCountry: 'GR', type: 'locate', title: `Task ${name}`, targetId })
      .expect(201);
    await dragnet.dataSource.query(
      `UPDATE tasks SET created_at = coalesce($2, created_at), due_at = $3, status = coalesce($4::task_status, status) WHERE id = $1`,
      [response.body.id, change.createdAt ?? null, change.dueAt ?? null, change.status ?? null],
    );
    tasks[name] = response.body.id as string;
    return response.body.id as string;
  }

  async function reminderStatus(key: string, timeoutMs = 20_000): Promise<{ status: string; error: string | null }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await dragnet.dataSource.query(`SELECT status, error FROM reminders WHERE key = $1`, [key]);
      if (row && row.status !== 'pending') return row;
      if (Date.now() > deadline) throw new Error(`Reminder ${key} still ${row?.status ?? 'absent'}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    await smtp.start();
    dragnet = await TestDragnet.start({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://dragnet.example' });
    coordinator = await dragnet.user(Role.Coordinator);
    fixture = new FieldworkFixture(dragnet, coordinator);
    operationId = await fixture.operation(['GR', 'IT']);
    await fixture.advance(operationId, 'active');
    targetId = await fixture.target(operationId, 'IT', 'accepted', 'Haddad');
    [{ reference: targetReference }] = await dragnet.dataSource.query(`SELECT reference FROM targets WHERE id = $1`, [
      targetId,
    ]);

    await task('unacknowledged', { createdAt: ago(25) });
    await task('due-soon', { dueAt: ago(-2), status: 'acknowledged' });
    await task('overdue', { dueAt: ago(1) });
    await task('escalated', { dueAt: ago(25), status: 'in_progress' });
    await task('finished', { createdAt: ago(50), dueAt: ago(25), status: 'done' });
    await task('later', { dueAt: ago(-48) });
    await dragnet.dataSource.query(
      `INSERT INTO notice_requests (operation_id, target_id, type, status, requesting_country, reference, published_at, expires_at, retention_review_due)
       VALUES ($1, $2, 'red', 'published', 'IT', '2021/01234', '2021-06-01', '2026-06-01', '2025-12-01')`,
      [operationId, targetId],
    );
    // The e-mails telling Greece of its new tasks are not what this suite is about.
    await dragnet.startWorker({ REMINDER_SWEEP_EVERY_MS: 300 });
    await smtp.waitFor(about('New task'), 6);
  }, 120_000);

  afterAll(async () => {
    await dragnet?.close();
    await smtp.stop();
  });

  it('sends each rung of the ladder once, to the right people, naming the task, target, due date and link', async () => {
    const greekFocalPoint = 'fp@gr.example';
    const [unacknowledged] = await smtp.waitFor((mail) => to(greekFocalPoint)(mail) && about('not acknowledged')(mail));
    expect(unacknowledged.text).toContain('Task unacknowledged');
    expect(unacknowledged.text).toContain(targetReference);
    expect(unacknowledged.text).toContain(
      `https://dragnet.example/operations/${operationId}/tasks/${tasks.unacknowledged}`,
    );

    const [dueSoon] = await smtp.waitFor((mail) => to(greekFocalPoint)(mail) && about('due within 24 hours')(mail));
    expect(dueSoon.subject).toContain('Task due-soon');
    const [{ due_at: dueAt }] = await dragnet.dataSource.query(`SELECT due_at FROM tasks WHERE id = $1`, [
      tasks['due-soon'],
    ]);
    expect(dueSoon.text).toContain(`Due: ${new Date(dueAt).toISOString()}`);
    expect(dueSoon.html).toContain(
      `href="https://dragnet.example/operations/${operationId}/tasks/${tasks['due-soon']}"`,
    );

    const overdue = await smtp.waitFor((mail) => to(greekFocalPoint)(mail) && about('Overdue task')(mail), 2);
    expect(overdue.map((mail) => mail.subject).sort()).toEqual([
      expect.stringContaining('Task escalated'),
      expect.stringContaining('Task overdue'),
    ]);

    const [escalation] = await smtp.waitFor(about('Escalation'));
    expect(escalation.to).toEqual([coordinator.email]);
    expect(escalation.text).toContain('Task escalated');
    expect(escalation.text).toContain(targetReference);

    const [retention] = await smtp.waitFor(about('Retention review due'));
    expect(retention.to).toEqual(['fp@it.example']);
    expect(retention.text).toContain('2021/01234');
    expect(retention.text).toContain(targetReference);
    expect(retention.text).toContain('Retention review due: 2025-12-01');

    // Sweeps keep running every 300 ms; nothing goes out a second time, and the finished or later tasks never.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const reminderMails = smtp.messages.filter((mail) => !/New task|has joined/.test(mail.subject));
    expect(reminderMails).toHaveLength(6);
    expect(reminderMails.some((mail) => mail.text.includes('Task finished') || mail.text.includes('Task later'))).toBe(
      false,
    );
    const rows: { key: string; status: string }[] = await dragnet.dataSource.query(`SELECT key, status FROM reminders`);
    expect(rows.every((row) => row.status === 'sent')).toBe(true);
    expect(rows.map((row) => row.key.replace(/[0-9a-f-]{36}/, '<id>')).sort()).toEqual([
      'notice.<id>.retention-review',
      'task.<id>.due-soon',
      'task.<id>.escalation',
      'task.<id>.overdue',
      'task.<id>.overdue',
      'task.<id>.unacknowledged',
    ]);
    expect(rows.map((row) => row.key)).toEqual(
      expect.arrayContaining([`task.${tasks.escalated}.escalation`, `task.${tasks.overdue}.overdue`]),
    );
  });

  it('does not send a reminder whose condition no longer holds when it is due to go', async () => {
    const id = await task('acknowledged-meanwhile', { createdAt: ago(30) });
    const key = `task.${id}.unacknowledged`;
    // Recorded by a sweep, then the country acknowledges before the e-mail job runs.
    await dragnet.dataSource.query(
      `INSERT INTO reminders (key, kind, operation_id, task_id, country) VALUES ($1, 'unacknowledged', $2, $3, 'GR')
       ON CONFLICT DO NOTHING`,
      [key, operationId, id],
    );
    await dragnet.dataSource.query(`UPDATE tasks SET status = 'acknowledged' WHERE id = $1`, [id]);
    expect(await reminders().send(key)).toBe('skipped');
    expect(await reminderStatus(key)).toEqual({ status: 'skipped', error: null });
    expect(
      smtp.messages.some(
        (mail) => mail.subject.includes('Task acknowledged-meanwhile') && !mail.subject.includes('New task'),
      ),
    ).toBe(false);
  });

  it('retries a temporary SMTP failure (4xx) and sends once; records a permanent one (5xx) as failed for coordinators', async () => {
    smtp.rejectWith = 451;
    const retried = await task('retried', { dueAt: ago(2) });
    const queue = dragnet.producer.queue(QueueName.Reminders);
    const jobId = `task.${retried}.overdue`;
    const deadline = Date.now() + 20_000;
    while (!((await queue.getJob(jobId))?.attemptsMade ?? 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await queue.getJob(jobId))?.attemptsMade).toBeGreaterThanOrEqual(1);
    expect((await dragnet.dataSource.query(`SELECT status FROM reminders WHERE key = $1`, [jobId]))[0].status).toBe(
      'pending',
    );
    smtp.rejectWith = undefined;
    expect(await reminderStatus(jobId, 30_000)).toEqual({ status: 'sent', error: null });
    expect(smtp.messages.filter((mail) => mail.subject.includes('Overdue task: Task retried'))).toHaveLength(1);

    smtp.rejectWith = 550;
    const refused = await task('refused', { dueAt: ago(2) });
    const refusedKey = `task.${refused}.overdue`;
    const failed = await reminderStatus(refusedKey);
    smtp.rejectWith = undefined;
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('Rejected by the test');
    const list = await dragnet.http
      .get(`/api/operations/${operationId}/reminders?status=failed`)
      .set(bearer(coordinator))
      .expect(200);
    expect(list.body).toMatchObject({
      total: 1,
      items: [{ key: refusedKey, kind: 'overdue', country: 'GR', taskId: refused }],
    });
    expect(list.body.items[0].recipients).toEqual(['fp@gr.example']);
    const status = await dragnet.http.get(`/api/operations/${operationId}/status`).set(bearer(coordinator)).expect(200);
    expect(status.body.failedReminders).toBe(1);
    const invalid = await dragnet.http
      .get(`/api/operations/${operationId}/reminders?status=lost`)
      .set(bearer(coordinator))
      .expect(400);
    expect(invalid.body.details[0].field).toBe('status');
  }, 90_000);

  it('sends coordinators one daily digest per operation and day, in text and HTML', async () => {
    await dragnet.dataSource.query(
      `UPDATE targets SET status = 'arrested', arrested_country = 'GR', arrested_at = now() - interval '2 hours' WHERE id = $1`,
      [targetId],
    );
    expect(await reminders().digestSweep()).toBeGreaterThanOrEqual(1);
    expect(await reminders().digestSweep()).toBe(0);
    const [digest] = await smtp.waitFor(about('Daily digest'));
    expect(digest.to).toEqual([coordinator.email]);
    expect(digest.subject).toContain('1 fugitive arrested and 0 located in 1 country');
    expect(digest.text).toContain('Arrests in the last 24 hours:');
    expect(digest.text).toContain(`${targetReference} Mohammed Haddad in Greece`);
    expect(digest.text).toMatch(/Overdue tasks by country:\n- Greece: \d+/);
    expect(digest.text).toMatch(/New leads in the last 24 hours, by reporting country:\n- none/);
    expect(digest.html).toContain('<h3>Arrests in the last 24 hours</h3>');
    expect(digest.html).toContain(`href="https://dragnet.example/operations/${operationId}"`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(smtp.messages.filter(about('Daily digest'))).toHaveLength(1);
  });

  it('registers each schedule once, however many workers boot', async () => {
    await dragnet.startWorker({ REMINDER_SWEEP_EVERY_MS: 300 });
    await dragnet.startWorker({ REMINDER_SWEEP_EVERY_MS: 300 });
    // Each worker registers once connected, after its boot: wait for the registrations (a busy
    // machine delays them), not a fixed time.
    const housekeeping = dragnet.producer.queue(QueueName.Housekeeping);
    let schedulers = await housekeeping.getJobSchedulers();
    for (const deadline = Date.now() + 30_000; schedulers.length < 3 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      schedulers = await housekeeping.getJobSchedulers();
    }
    expect(schedulers.map((scheduler) => scheduler.key).sort()).toEqual([
      'daily-digest',
      'reminder-sweep',
      'status-rollup',
    ]);
    const digest = schedulers.find((scheduler) => scheduler.key === 'daily-digest');
    expect(digest).toMatchObject({ name: JobName.DailyDigestSweep, pattern: '0 6 * * *', tz: 'UTC' });
  });
});
