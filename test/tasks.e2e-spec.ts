import { randomUUID } from 'node:crypto';
import { Role } from '@dragnet/domain';
import { FieldworkFixture } from './support/fieldwork-fixture';
import { bearer, TestDragnet, TestUser } from './support/test-dragnet';
import { TestSmtpServer } from './support/test-smtp';

interface TaskBody {
  id: string;
  status: string;
  overdue: boolean;
  [field: string]: unknown;
}

const HOUR = 3600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

/** Fifty real country codes, for the bulk tasking of a large operation. */
const FIFTY_COUNTRIES = [
  'AL', 'AT', 'BA', 'BE', 'BG', 'CH', 'CY', 'CZ', 'DE', 'DK',
  'DZ', 'EE', 'EG', 'ES', 'FI', 'FR', 'GB', 'GR', 'HR', 'HU',
  'IE', 'IQ', 'IT', 'JO', 'LB', 'LT', 'LU', 'LV', 'LY', 'MA',
  'ME', 'MK', 'MT', 'NE', 'NL', 'NO', 'PK', 'PL', 'PT', 'RO',
  'RS', 'SD', 'SE', 'SI', 'SK', 'SY', 'TN', 'TR', 'UA', 'AF',
]; // prettier-ignore

describe('Per-country tasks', () => {
  const smtp = new TestSmtpServer();
  let dragnet: TestDragnet;
  let fixture: FieldworkFixture;
  let coordinator: TestUser;
  let italian: TestUser;
  let greek: TestUser;
  let german: TestUser;
  let observer: TestUser;
  let admin: TestUser;
  let operationId: string;
  let targetId: string;
  let otherTargetId: string;

  const fieldsOf = (details: { field: string }[]) => [...new Set(details.map((detail) => detail.field))].sort();
  const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id).sort();
  const read = (user: TestUser, path: string) => dragnet.http.get(path).set(bearer(user));
  const task = (body: object = {}) => ({
    assignedCountry: 'GR',
    type: 'check_records',
    title: 'Check national records for this person',
    ...body,
  });
  const create = (user: TestUser, body: object, operation = operationId) =>
    dragnet.http.post(`/api/operations/${operation}/tasks`).set(bearer(user)).send(body);
  const move = (user: TestUser, id: string, body: object) =>
    dragnet.http.post(`/api/tasks/${id}/transitions`).set(bearer(user)).send(body);
  const bulk = (body: object, operation = operationId) =>
    dragnet.http.post(`/api/operations/${operation}/tasks/bulk`).set(bearer(coordinator)).send(body);

  async function created(body: object = {}): Promise<TaskBody> {
    const response = await create(coordinator, task(body));
    expect([response.status, response.body]).toEqual([201, expect.anything()]);
    return response.body as TaskBody;
  }

  beforeAll(async () => {
    await smtp.start();
    dragnet = await TestDragnet.start({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://dragnet.example' });
    await dragnet.startWorker();
    [coordinator, italian, greek, german, observer, admin] = await Promise.all([
      dragnet.user(Role.Coordinator),
      dragnet.user(Role.Investigator, 'IT'),
      dragnet.user(Role.Investigator, 'GR'),
      dragnet.user(Role.Investigator, 'DE'),
      dragnet.user(Role.Observer),
      dragnet.user(Role.Admin),
    ]);
    fixture = new FieldworkFixture(dragnet, coordinator);
    operationId = await fixture.operation(['IT', 'GR', 'ES']);
    targetId = await fixture.target(operationId, 'IT');
    otherTargetId = await fixture.target(operationId, 'ES');
    await fixture.advance(operationId, 'active');
    await dragnet.http
      .post(`/api/operations/${operationId}/members`)
      .set(bearer(coordinator))
      .send({ userId: observer.id })
      .expect(201);
  });
  afterAll(async () => {
    await dragnet.close();
    await smtp.stop();
  });

  describe('tasking a country', () => {
    it('takes every field of the domain guide and starts open, with history and audit', async () => {
      const dueAt = inHours(48);
      const made = await created({
        assignedCountry: 'gr',
        targetId,
        type: 'locate',
        title: '  Locate at the given address  ',
        details: 'Believed to live near the port',
        priority: 'high',
        dueAt,
      });
      expect(made).toMatchObject({
        operationId,
        assignedCountry: 'GR',
        targetId,
        leadId: null,
        type: 'locate',
        title: 'Locate at the given address',
        details: 'Believed to live near the port',
        priority: 'high',
        dueAt,
        status: 'open',
        overdue: false,
        createdBy: coordinator.id,
        batchId: null,
        acknowledgedAt: null,
        finishedAt: null,
        version: 1,
      });
      const plain = await created();
      expect(plain).toMatchObject({ priority: 'medium', dueAt: null, details: '', targetId: null });
      const history = await read(coordinator, `/api/tasks/${made.id}/history`).expect(200);
      expect(history.body).toEqual([
        expect.objectContaining({ fromStatus: null, toStatus: 'open', actorId: coordinator.id }),
      ]);
      const audit = await dragnet.dataSource.query(`SELECT action FROM audit_entries WHERE entity_id = $1`, [made.id]);
      expect(audit).toEqual([{ action: 'task.create' }]);
    });

    it('validates the task, and its country, target and lead against the operation', async () => {
      const bad = await create(coordinator, task({ type: 'raid', priority: 'urgent', dueAt: 'soon', status: 'done' }));
      expect([bad.status, fieldsOf(bad.body.details)]).toEqual([400, ['dueAt', 'priority', 'status', 'type']]);
      const blank = await create(coordinator, task({ title: '   ' })).expect(400);
      expect(blank.body.details).toEqual([{ field: 'title', message: 'title must not be blank' }]);
      const stranger = await create(coordinator, task({ assignedCountry: 'DE' })).expect(422);
      expect(stranger.body.details).toEqual([
        { field: 'assignedCountry', message: 'assignedCountry must be a participating country' },
      ]);
      const elsewhere = await fixture.operation(['GR']);
      const foreignTarget = await fixture.target(elsewhere, 'GR');
      const wrongTarget = await create(coordinator, task({ targetId: foreignTarget })).expect(422);
      expect(wrongTarget.body.details[0].field).toBe('targetId');
      await create(coordinator, task({ targetId: randomUUID() })).expect(422);
      const unknownLead = await create(coordinator, task({ leadId: randomUUID() })).expect(422);
      expect(unknownLead.body.details[0].field).toBe('leadId');
      const leadId = await fixture.lead(greek, targetId);
      const fromLead = await created({ leadId });
      expect(fromLead).toMatchObject({ leadId, targetId });
      const mismatch = await create(coordinator, task({ leadId, targetId: otherTargetId })).expect(422);
      expect(mismatch.body.details).toEqual([
        { field: 'targetId', message: 'targetId must be the target of the lead' },
      ]);
    });

    it('leaves tasking to coordinators, while the operation is active or in follow-up', async () => {
      await create(greek, task()).expect(403);
      await create(observer, task()).expect(403);
      await create(admin, task()).expect(403);
      await create(coordinator, task(), randomUUID()).expect(404);
      const other = await fixture.operation(['GR']);
      const early = await create(coordinator, task(), other).expect(409);
      expect(early.body.message).toBe(
        'The operation takes leads and tasks while active or in follow-up; it is planning',
      );
      await fixture.advance(other, 'follow_up');
      const late = await create(coordinator, task(), other).expect(201);
      await fixture.advance(other, 'closed');
      const closed = await create(coordinator, task(), other).expect(409);
      expect(closed.body.message).toBe('The operation is closed and read-only');
      const frozen = await move(coordinator, late.body.id, { to: 'cancelled' }).expect(409);
      expect(frozen.body.message).toBe('The operation is closed and read-only');
      await dragnet.http
        .post(`/api/operations/${other}/tasks/bulk`)
        .set(bearer(coordinator))
        .send({ countries: 'all', type: 'other', title: 'Too late' })
        .expect(409);
    });
  });

  describe('need to know', () => {
    it("shows an investigator its own country's tasks only, observers none; anything else is 404", async () => {
      const operation = await fixture.operation(['IT', 'GR']);
      await fixture.advance(operation, 'active');
      const forGreece = (await create(coordinator, task({ assignedCountry: 'GR' }), operation).expect(201)).body;
      const forItaly = (await create(coordinator, task({ assignedCountry: 'IT' }), operation).expect(201)).body;
      const list = (user: TestUser) => read(user, `/api/operations/${operation}/tasks`);
      expect(ids((await list(coordinator).expect(200)).body)).toEqual([forGreece.id, forItaly.id].sort());
      expect(ids((await list(greek).expect(200)).body)).toEqual([forGreece.id]);
      expect(ids((await list(italian).expect(200)).body)).toEqual([forItaly.id]);
      expect((await read(italian, `/api/operations/${operation}/tasks?country=GR`).expect(200)).body.total).toBe(0);
      await read(greek, `/api/tasks/${forGreece.id}`).expect(200);
      await read(italian, `/api/tasks/${forGreece.id}`).expect(404);
      await read(italian, `/api/tasks/${forGreece.id}/history`).expect(404);
      await move(italian, forGreece.id, { to: 'acknowledged' }).expect(404);
      await read(greek, `/api/tasks/${randomUUID()}`).expect(404);
      await list(german).expect(404);
      await read(german, `/api/tasks/${forGreece.id}`).expect(404);
      await list(observer).expect(403);
      await read(observer, `/api/tasks/${forGreece.id}`).expect(403);
      await list(admin).expect(403);
    });
  });

  describe('workflow', () => {
    it('lets the assigned country acknowledge, start and complete its task, keeping each move', async () => {
      const made = await created();
      const acknowledged = await move(greek, made.id, { to: 'acknowledged', note: 'Received' }).expect(200);
      expect(acknowledged.body.acknowledgedAt).not.toBeNull();
      await move(greek, made.id, { to: 'in_progress', version: 2 }).expect(200);
      const done = await move(greek, made.id, { to: 'done', note: 'No record found' }).expect(200);
      expect(done.body).toMatchObject({ status: 'done', version: 4, overdue: false });
      expect(done.body.finishedAt).not.toBeNull();
      const history = await read(greek, `/api/tasks/${made.id}/history`).expect(200);
      expect(
        history.body.map((change: { fromStatus: string; toStatus: string; note: string; actorCountry: string }) => [
          change.fromStatus,
          change.toStatus,
          change.note,
          change.actorCountry,
        ]),
      ).toEqual([
        [null, 'open', null, null],
        ['open', 'acknowledged', 'Received', 'GR'],
        ['acknowledged', 'in_progress', null, 'GR'],
        ['in_progress', 'done', 'No record found', 'GR'],
      ]);
      const audit = await dragnet.dataSource.query(
        `SELECT action FROM audit_entries WHERE entity_id = $1 ORDER BY id`,
        [made.id],
      );
      expect(audit.map((entry: { action: string }) => entry.action)).toEqual([
        'task.create',
        'task.transition',
        'task.transition',
        'task.transition',
      ]);
    });

    it('refuses moves outside the workflow with 409 naming the allowed ones', async () => {
      const made = await created();
      const skipped = await move(greek, made.id, { to: 'done' }).expect(409);
      expect(skipped.body.message).toBe("Task cannot move from 'open' to 'done'; allowed: acknowledged, cancelled");
      const stale = await move(greek, made.id, { to: 'acknowledged', version: 3 }).expect(409);
      expect(stale.body.details).toEqual([{ field: 'version', message: 'current version is 1' }]);
      await move(greek, made.id, { to: 'reopened' }).expect(400);
    });

    it('leaves cancelling to coordinators, who may also make any move', async () => {
      const made = await created();
      const refused = await move(greek, made.id, { to: 'cancelled' }).expect(403);
      expect(refused.body.message).toBe('Only coordinators move a task to cancelled');
      await move(coordinator, made.id, { to: 'acknowledged' }).expect(200);
      await move(coordinator, made.id, { to: 'cancelled', note: 'Person arrested elsewhere' }).expect(200);
      const after = await move(coordinator, made.id, { to: 'in_progress' }).expect(409);
      expect(after.body.message).toContain('allowed: none');
      const worked = await created();
      await move(greek, worked.id, { to: 'acknowledged' }).expect(200);
      await move(greek, worked.id, { to: 'in_progress' }).expect(200);
      await move(coordinator, worked.id, { to: 'cancelled' }).expect(200);
      await move(observer, worked.id, { to: 'done' }).expect(403);
    });

    it('lists tasks past due and neither done nor cancelled as overdue, and filters by country, status, type and target', async () => {
      const operation = await fixture.operation(['IT', 'GR']);
      const person = await fixture.target(operation, 'IT');
      await fixture.advance(operation, 'active');
      const make = async (body: object) =>
        (await create(coordinator, task(body), operation).expect(201)).body as TaskBody;
      const late = await make({ dueAt: inHours(-2) });
      const lateStarted = await make({ dueAt: inHours(-1), assignedCountry: 'IT', targetId: person, type: 'locate' });
      const lateDone = await make({ dueAt: inHours(-3) });
      const lateCancelled = await make({ dueAt: inHours(-3) });
      const future = await make({ dueAt: inHours(24), targetId: person });
      const undated = await make({});
      await move(italian, lateStarted.id, { to: 'acknowledged' }).expect(200);
      await move(italian, lateStarted.id, { to: 'in_progress' }).expect(200);
      for (const to of ['acknowledged', 'in_progress', 'done']) await move(greek, lateDone.id, { to }).expect(200);
      await move(coordinator, lateCancelled.id, { to: 'cancelled' }).expect(200);
      const list = async (user: TestUser, query: string) =>
        (await read(user, `/api/operations/${operation}/tasks?${query}`).expect(200)).body;
      const overdue = await list(coordinator, 'overdue=true');
      expect(ids(overdue)).toEqual([late.id, lateStarted.id].sort());
      expect(overdue.items.every((item: TaskBody) => item.overdue)).toBe(true);
      expect(ids(await list(coordinator, 'overdue=false'))).toEqual(
        [lateDone.id, lateCancelled.id, future.id, undated.id].sort(),
      );
      expect(ids(await list(greek, 'overdue=true'))).toEqual([late.id]);
      expect(ids(await list(coordinator, 'country=it'))).toEqual([lateStarted.id]);
      expect(ids(await list(coordinator, 'status=in_progress'))).toEqual([lateStarted.id]);
      expect(ids(await list(coordinator, 'type=locate'))).toEqual([lateStarted.id]);
      expect(ids(await list(coordinator, `targetId=${person}`))).toEqual([lateStarted.id, future.id].sort());
      const all = await list(coordinator, 'limit=2');
      expect(all).toMatchObject({ total: 6, limit: 2, offset: 0 });
      // The soonest due first, undated last.
      expect(all.items.map((item: TaskBody) => item.id)).toEqual([lateDone.id, lateCancelled.id]);
      const bad = await read(coordinator, `/api/operations/${operation}/tasks?overdue=yes&limit=501&status=late`);
      expect([bad.status, fieldsOf(bad.body.details)]).toEqual([400, ['limit', 'overdue', 'status']]);
    });
  });

  describe('routing a lead', () => {
    it('tasks the country the lead points to with verifying it, without copying the lead into the task', async () => {
      const leadId = await fixture.lead(greek, targetId, {
        country: 'ES',
        handlingCode: 'H2',
        narrative: 'Informant: he works nights at the port',
      });
      const response = await dragnet.http
        .post(`/api/leads/${leadId}/tasks`)
        .set(bearer(coordinator))
        .send({ dueAt: inHours(24), priority: 'high' })
        .expect(201);
      expect(response.body).toMatchObject({
        assignedCountry: 'ES',
        type: 'verify_lead',
        leadId,
        targetId,
        priority: 'high',
        status: 'open',
        details: '',
      });
      expect(response.body.title).toMatch(/^Verify sighting lead on FIELD-.*-\d{4}$/);
      const custom = await dragnet.http
        .post(`/api/leads/${leadId}/tasks`)
        .set(bearer(coordinator))
        .send({ type: 'surveillance', title: 'Watch the port at night' })
        .expect(201);
      expect(custom.body).toMatchObject({ type: 'surveillance', title: 'Watch the port at night' });
    });

    it("needs the lead's country to take part, the lead to be alive, and a coordinator", async () => {
      const abroad = await fixture.lead(greek, targetId, { country: 'DE' });
      const refused = await dragnet.http.post(`/api/leads/${abroad}/tasks`).set(bearer(coordinator)).send({});
      expect([refused.status, refused.body.details]).toEqual([
        422,
        [{ field: 'country', message: 'country must be a participating country' }],
      ]);
      const closed = await fixture.lead(greek, targetId);
      await dragnet.http
        .post(`/api/leads/${closed}/transitions`)
        .set(bearer(coordinator))
        .send({ to: 'closed' })
        .expect(200);
      const dead = await dragnet.http.post(`/api/leads/${closed}/tasks`).set(bearer(coordinator)).send({}).expect(409);
      expect(dead.body.message).toBe('A closed lead is no longer tasked');
      const live = await fixture.lead(greek, targetId);
      await dragnet.http.post(`/api/leads/${live}/tasks`).set(bearer(greek)).send({}).expect(403);
      await dragnet.http.post(`/api/leads/${randomUUID()}/tasks`).set(bearer(coordinator)).send({}).expect(404);
    });
  });

  describe('bulk tasking', () => {
    it('makes one task per chosen country and target, with history and audit, and answers the count', async () => {
      const response = await bulk({
        countries: ['gr', 'ES'],
        targetIds: [targetId, otherTargetId],
        type: 'check_records',
        title: 'Check records',
        priority: 'high',
        dueAt: inHours(72),
      }).expect(201);
      expect(response.body).toEqual({
        created: 4,
        batchId: expect.any(String),
        byCountry: [
          { country: 'ES', count: 2 },
          { country: 'GR', count: 2 },
        ],
      });
      const batch = await read(coordinator, `/api/operations/${operationId}/tasks?batchId=${response.body.batchId}`);
      expect(batch.body.total).toBe(4);
      expect(batch.body.items[0]).toMatchObject({ type: 'check_records', priority: 'high', status: 'open' });
      const forGreece = await read(greek, `/api/operations/${operationId}/tasks?batchId=${response.body.batchId}`);
      expect(forGreece.body.items.map((item: TaskBody) => item.targetId).sort()).toEqual(
        [targetId, otherTargetId].sort(),
      );
      const history = await read(greek, `/api/tasks/${forGreece.body.items[0].id}/history`).expect(200);
      expect(history.body).toEqual([
        expect.objectContaining({ fromStatus: null, toStatus: 'open', actorId: coordinator.id }),
      ]);
      const [audited] = await dragnet.dataSource.query(
        `SELECT count(*)::int AS count FROM audit_entries WHERE action = 'task.create' AND after->>'batchId' = $1`,
        [response.body.batchId],
      );
      expect(audited.count).toBe(4);
    });

    it("tasks every participant, about every accepted target or about none, and refuses what isn't in the operation", async () => {
      const everyone = await bulk({ countries: 'all', targetIds: 'all-accepted', type: 'locate', title: 'Find' });
      expect(everyone.status).toBe(201);
      const [accepted] = await dragnet.dataSource.query(
        `SELECT count(*)::int AS count FROM targets WHERE operation_id = $1 AND status = 'accepted'`,
        [operationId],
      );
      expect(everyone.body.created).toBe(3 * accepted.count);
      const perCountry = await bulk({ countries: 'all', type: 'other', title: 'Send your duty roster' }).expect(201);
      expect(perCountry.body.created).toBe(3);
      const strangers = await bulk({ countries: ['GR', 'DE', 'FR'], type: 'other', title: 'x' }).expect(422);
      expect(strangers.body.details).toEqual([{ field: 'countries', message: 'not participating countries: DE, FR' }]);
      const unknown = randomUUID();
      const missing = await bulk({ countries: 'all', targetIds: [targetId, unknown], type: 'other', title: 'x' });
      expect([missing.status, missing.body.details]).toEqual([
        422,
        [{ field: 'targetIds', message: `not targets of this operation: ${unknown}` }],
      ]);
      const malformed = await bulk({ countries: 'some', targetIds: 'every', type: 'other', title: 'x' }).expect(400);
      expect(fieldsOf(malformed.body.details)).toEqual(['countries', 'targetIds']);
      await bulk({ countries: [], type: 'other', title: 'x' }).expect(400);
      await dragnet.http
        .post(`/api/operations/${operationId}/tasks/bulk`)
        .set(bearer(greek))
        .send({ countries: 'all', type: 'other', title: 'x' })
        .expect(403);
    });

    it('tasks 50 countries about 500 targets at once: 25,000 tasks, one e-mail per country', async () => {
      const operation = await fixture.operation([]);
      await dragnet.dataSource.query(
        `INSERT INTO participants (operation_id, country, ncb_name, focal_point_emails)
         SELECT $1, code, 'NCB ' || code, ARRAY['bulk-' || lower(code) || '@ncb.example']
           FROM unnest($2::text[]) AS code`,
        [operation, FIFTY_COUNTRIES],
      );
      await dragnet.dataSource.query(
        `INSERT INTO targets (operation_id, reference, status, family_name, nominating_country, wanted_by_country)
         SELECT $1, 'BULK-' || lpad(n::text, 4, '0'), 'accepted', 'Person ' || n, 'IT', 'IT'
           FROM generate_series(1, 500) AS n`,
        [operation],
      );
      await fixture.advance(operation, 'active');
      const response = await bulk(
        { countries: 'all', targetIds: 'all-accepted', type: 'check_records', title: 'Search your records' },
        operation,
      ).expect(201);
      expect(response.body.created).toBe(25_000);
      expect(response.body.byCountry).toHaveLength(50);
      const batchId = response.body.batchId as string;
      const [counts] = await dragnet.dataSource.query(
        `SELECT (SELECT count(*)::int FROM tasks WHERE batch_id = $1) AS tasks,
                (SELECT count(DISTINCT (assigned_country, target_id))::int FROM tasks WHERE batch_id = $1) AS pairs,
                (SELECT count(*)::int FROM task_status_changes c JOIN tasks t ON t.id = c.task_id WHERE t.batch_id = $1) AS history,
                (SELECT count(*)::int FROM audit_entries WHERE action = 'task.create' AND after->>'batchId' = $1::text) AS audited,
                (SELECT count(*)::int FROM outbox_messages WHERE job_id LIKE 'task-batch:' || $1::text || ':%') AS jobs`,
        [batchId],
      );
      expect(counts).toEqual({ tasks: 25_000, pairs: 25_000, history: 25_000, audited: 25_000, jobs: 50 });
      const mails = await smtp.waitFor((mail) => mail.to.some((to) => to.startsWith('bulk-')), 50, 30_000);
      const italy = mails.find((mail) => mail.to.includes('bulk-it@ncb.example'))!;
      expect(italy.subject).toMatch(/^\[FIELD-.*\] 500 new tasks for Italy: Search your records$/);
      // The operation board in the console, where the country's new tasks are listed.
      expect(italy.text).toMatch(new RegExp(`https://dragnet.example/operations/${operation}$`, 'm'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smtp.messages.filter((mail) => mail.to.includes('bulk-it@ncb.example'))).toHaveLength(1);
    });
  });

  describe('e-mails', () => {
    it("tells the assigned country's focal points about a new task", async () => {
      const made = await created({
        assignedCountry: 'ES',
        targetId,
        title: 'Arrest <on sight>',
        type: 'arrest',
        dueAt: inHours(12),
      });
      const [mail] = await smtp.waitFor((message) => message.text.includes(`/tasks/${made.id}`));
      // The link opens the task's page in the console, not the JSON API.
      expect(mail.text).toContain(`https://dragnet.example/operations/${made.operationId}/tasks/${made.id}`);
      expect(mail.to).toEqual(['fp@es.example']);
      expect(mail.subject).toMatch(/^\[FIELD-.*\] New task for Spain: Arrest <on sight>$/);
      expect(mail.text).toContain('Type: arrest');
      expect(mail.text).toContain('Target: FIELD-');
      expect(mail.html).toContain('Arrest &lt;on sight&gt;');
    });
  });
});
