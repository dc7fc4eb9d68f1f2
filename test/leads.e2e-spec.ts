import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { idempotencyLockId, Role } from '@dragnet/domain';
import { FieldworkFixture, leadBody } from './support/fieldwork-fixture';
import { bearer, TestDragnet, TestUser } from './support/test-dragnet';
import { TestSmtpServer } from './support/test-smtp';

interface LeadBody {
  id: string;
  status: string;
  [field: string]: unknown;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Location leads', () => {
  const smtp = new TestSmtpServer();
  let dragnet: TestDragnet;
  let fixture: FieldworkFixture;
  let coordinator: TestUser;
  let italian: TestUser;
  let greek: TestUser;
  let spanish: TestUser;
  let german: TestUser;
  let observer: TestUser;
  let outsider: TestUser;
  let admin: TestUser;
  let operationId: string;
  /** Wanted by Italy. */
  let italianTarget: string;
  /** Wanted by Spain. */
  let spanishTarget: string;

  const leadCount = async () =>
    (await dragnet.dataSource.query(`SELECT count(*)::int AS count FROM leads`))[0].count as number;
  const fieldsOf = (details: { field: string }[]) => [...new Set(details.map((detail) => detail.field))].sort();
  const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id).sort();
  const read = (user: TestUser, path: string) => dragnet.http.get(path).set(bearer(user));
  const move = (user: TestUser, leadId: string, body: object) =>
    dragnet.http.post(`/api/leads/${leadId}/transitions`).set(bearer(user)).send(body);

  beforeAll(async () => {
    await smtp.start();
    dragnet = await TestDragnet.start({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://dragnet.example' });
    await dragnet.startWorker();
    [coordinator, italian, greek, spanish, german, observer, outsider, admin] = await Promise.all([
      dragnet.user(Role.Coordinator),
      dragnet.user(Role.Investigator, 'IT'),
      dragnet.user(Role.Investigator, 'GR'),
      dragnet.user(Role.Investigator, 'ES'),
      dragnet.user(Role.Investigator, 'DE'),
      dragnet.user(Role.Observer),
      dragnet.user(Role.Observer),
      dragnet.user(Role.Admin),
    ]);
    fixture = new FieldworkFixture(dragnet, coordinator);
    operationId = await fixture.operation(['IT', 'GR', 'ES']);
    italianTarget = await fixture.target(operationId, 'IT');
    spanishTarget = await fixture.target(operationId, 'ES');
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

  describe('reporting', () => {
    it('takes every field of the domain guide, with the reporting country and user, and starts as new', async () => {
      const response = await fixture
        .report(greek, italianTarget, leadBody({ latitude: 38.2466, longitude: 21.7346, country: 'gr' }))
        .expect(201);
      expect(response.body).toMatchObject({
        operationId,
        targetId: italianTarget,
        status: 'new',
        reportingCountry: 'GR',
        reportedBy: greek.id,
        country: 'GR',
        place: 'Patras, port area',
        latitude: 38.2466,
        longitude: 21.7346,
        observedAt: '2016-05-10T08:30:00.000Z',
        type: 'sighting',
        narrative: 'Seen boarding the Ancona ferry with two companions',
        sourceReliability: 'B',
        informationAssessment: 2,
        handlingCode: 'H1',
        handlingRestriction: null,
        version: 1,
      });
      const history = await read(greek, `/api/leads/${response.body.id}/history`).expect(200);
      expect(history.body).toEqual([
        expect.objectContaining({ fromStatus: null, toStatus: 'new', actorId: greek.id, actorCountry: 'GR' }),
      ]);
      const audit = await dragnet.dataSource.query(`SELECT action, actor_id FROM audit_entries WHERE entity_id = $1`, [
        response.body.id,
      ]);
      // The creation, and the read of its history just above.
      expect(audit).toEqual([
        { action: 'lead.create', actor_id: greek.id },
        { action: 'lead.history', actor_id: greek.id },
      ]);
    });

    it('validates each field: coordinates, grading, the H3 restriction, the observation time', async () => {
      const problems = async (overrides: object) => {
        const response = await fixture.report(greek, italianTarget, leadBody(overrides)).expect(400);
        return fieldsOf(response.body.details);
      };
      expect(await problems({ latitude: 91, longitude: 181 })).toEqual(['latitude', 'longitude']);
      expect(await problems({ latitude: 38.2 })).toEqual(['longitude']);
      expect(await problems({ sourceReliability: 'D', informationAssessment: 5, handlingCode: 'H4' })).toEqual([
        'handlingCode',
        'informationAssessment',
        'sourceReliability',
      ]);
      expect(await problems({ informationAssessment: '2' })).toEqual(['informationAssessment']);
      expect(await problems({ handlingCode: 'H3' })).toEqual(['handlingRestriction']);
      expect(await problems({ handlingCode: 'H1', handlingRestriction: 'Not for court' })).toEqual([
        'handlingRestriction',
      ]);
      expect(await problems({ observedAt: new Date(Date.now() + 3600_000).toISOString() })).toEqual(['observedAt']);
      expect(await problems({ observedAt: 'yesterday', type: 'rumour', country: 'XX' })).toEqual([
        'country',
        'observedAt',
        'type',
      ]);
      expect(await problems({ status: 'confirmed' })).toEqual(['status']);
      const { narrative: _narrative, place: _place, ...incomplete } = leadBody();
      const missing = await fixture.report(greek, italianTarget, incomplete).expect(400);
      expect(fieldsOf(missing.body.details)).toEqual(['narrative', 'place']);
      const h3 = await fixture
        .report(greek, italianTarget, leadBody({ handlingCode: 'H3', handlingRestriction: 'Not for Europol' }))
        .expect(201);
      expect(h3.body.handlingRestriction).toBe('Not for Europol');
    });

    it('lets investigators report for their own country, coordinators for a participating country they name', async () => {
      const forOther = await fixture.report(greek, italianTarget, leadBody({ reportingCountry: 'ES' })).expect(403);
      expect(forOther.body.message).toContain('own country (GR)');
      const unnamed = await fixture.report(coordinator, italianTarget, leadBody()).expect(400);
      expect(unnamed.body.details).toEqual([
        { field: 'reportingCountry', message: 'reportingCountry is required when a coordinator reports a lead' },
      ]);
      const stranger = await fixture.report(coordinator, italianTarget, leadBody({ reportingCountry: 'DE' }));
      expect([stranger.status, stranger.body.details]).toEqual([
        422,
        [{ field: 'reportingCountry', message: 'reportingCountry must be a participating country' }],
      ]);
      const byCoordinator = await fixture
        .report(coordinator, italianTarget, leadBody({ reportingCountry: 'es' }))
        .expect(201);
      expect(byCoordinator.body).toMatchObject({ reportingCountry: 'ES', reportedBy: coordinator.id });
      await fixture.report(observer, italianTarget, leadBody()).expect(403);
      await fixture.report(admin, italianTarget, leadBody()).expect(403);
      // Germany does not take part: the target is not visible to it.
      await fixture.report(german, italianTarget, leadBody()).expect(404);
      await fixture.report(greek, randomUUID(), leadBody()).expect(404);
    });

    it('takes leads on targets the reporter may see, and not on a target that left the list', async () => {
      const nominatedBySpain = await fixture.target(operationId, 'ES', 'nominated');
      await fixture.report(greek, nominatedBySpain, leadBody()).expect(404);
      await fixture.report(spanish, nominatedBySpain, leadBody()).expect(201);
      const rejected = await fixture.target(operationId, 'ES', 'rejected');
      const refused = await fixture.report(coordinator, rejected, leadBody({ reportingCountry: 'ES' })).expect(409);
      expect(refused.body.message).toBe('No new lead for a target that is rejected');
    });

    it('takes leads while the operation is active or in follow-up only, and nothing once it is closed', async () => {
      const other = await fixture.operation(['IT', 'GR']);
      const target = await fixture.target(other, 'IT');
      const early = await fixture.report(greek, target, leadBody()).expect(409);
      expect(early.body.message).toBe(
        'The operation takes leads and tasks while active or in follow-up; it is planning',
      );
      await fixture.advance(other, 'follow_up');
      const lead = await fixture.report(greek, target, leadBody()).expect(201);
      await fixture.advance(other, 'closed');
      const closed = await fixture.report(greek, target, leadBody()).expect(409);
      expect(closed.body.message).toBe('The operation is closed and read-only');
      const frozen = await move(coordinator, lead.body.id, { to: 'under_assessment' }).expect(409);
      expect(frozen.body.message).toBe('The operation is closed and read-only');
      await read(greek, `/api/leads/${lead.body.id}`).expect(200);
    });
  });

  describe('no duplicate leads', () => {
    it('needs an Idempotency-Key header, named in the error contract', async () => {
      const response = await dragnet.http
        .post(`/api/targets/${italianTarget}/leads`)
        .set(bearer(greek))
        .send(leadBody())
        .expect(400);
      expect(response.body).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid header: Idempotency-Key',
        details: [{ field: 'Idempotency-Key', message: expect.stringContaining('header is required') }],
      });
      const tooLong = await fixture.report(greek, italianTarget, leadBody(), 'k'.repeat(256)).expect(400);
      expect(tooLong.body.details[0].field).toBe('Idempotency-Key');
    });

    it('answers a repeat with the first answer and creates nothing', async () => {
      const key = randomUUID();
      const body = leadBody({ narrative: 'Replay: seen at the ferry terminal' });
      const first = await fixture.report(greek, italianTarget, body, key).expect(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const before = await leadCount();
      // The same body with its keys in another order is the same request.
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const again = await fixture.report(greek, italianTarget, reordered, key).expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await leadCount()).toBe(before);
      // Keys are the user's own: another user's same key is another submission.
      await fixture.report(coordinator, italianTarget, { ...body, reportingCountry: 'GR' }, key).expect(201);
      expect(await leadCount()).toBe(before + 1);
      const [stored] = await dragnet.dataSource.query(
        `SELECT response_status, expires_at - created_at >= interval '24 hours' AS kept_a_day
           FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
        [greek.id, key],
      );
      expect(stored).toEqual({ response_status: 201, kept_a_day: true });
    });

    it('answers 422 to the same key with another body, or on another target', async () => {
      const key = randomUUID();
      await fixture.report(greek, italianTarget, leadBody({ place: 'Patras' }), key).expect(201);
      const before = await leadCount();
      const other = await fixture.report(greek, italianTarget, leadBody({ place: 'Igoumenitsa' }), key).expect(422);
      expect(other.body.details).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
      await fixture.report(greek, spanishTarget, leadBody({ place: 'Patras' }), key).expect(422);
      expect(await leadCount()).toBe(before);
    });

    it('answers 409 to a repeat while the first is still in flight, then replays the first answer', async () => {
      const key = randomUUID();
      const body = leadBody({ narrative: 'In flight' });
      const blocker = new Client({ connectionString: dragnet.config.DATABASE_URL });
      await blocker.connect();
      try {
        // Holding the operation's row keeps the first request waiting inside its transaction.
        await blocker.query('BEGIN');
        await blocker.query('SELECT 1 FROM operations WHERE id = $1 FOR UPDATE', [operationId]);
        const first = fixture.report(greek, italianTarget, body, key).then((response) => response);
        // The first request holds its key's lock while it waits for the operation's row.
        for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
          const rows = await blocker.query(
            `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          );
          if (rows.rowCount) break;
          await delay(20);
        }
        const concurrent = await fixture.report(greek, italianTarget, body, key).expect(409);
        expect(concurrent.body.details).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
        await blocker.query('COMMIT');
        const answered = await first;
        expect(answered.status).toBe(201);
        const replay = await fixture.report(greek, italianTarget, body, key).expect(201);
        expect(replay.body).toEqual(answered.body);
        const made = await dragnet.dataSource.query(`SELECT count(*)::int AS count FROM leads WHERE narrative = $1`, [
          'In flight',
        ]);
        expect(made[0].count).toBe(1);
      } finally {
        await blocker.end();
      }
    });

    it('sends many copies at once and still makes one lead', async () => {
      const key = randomUUID();
      const body = leadBody({ narrative: 'Burst of retries' });
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => fixture.report(greek, italianTarget, body, key)),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
      expect(statuses).toContain(201);
      const made = await dragnet.dataSource.query(`SELECT id FROM leads WHERE narrative = $1`, ['Burst of retries']);
      expect(made).toHaveLength(1);
      for (const response of responses.filter((one) => one.status === 201)) expect(response.body.id).toBe(made[0].id);
    });

    it('frees the key of a request that failed, and of one that crashed, at once', async () => {
      const key = randomUUID();
      await fixture.report(coordinator, italianTarget, leadBody({ reportingCountry: 'DE' }), key).expect(422);
      await fixture.report(coordinator, italianTarget, leadBody({ reportingCountry: 'GR' }), key).expect(201);

      // A process that dies mid-request leaves an open transaction holding the key until the server ends it.
      const crashed = randomUUID();
      const body = leadBody({ narrative: 'After a crash' });
      const dying = new Client({ connectionString: dragnet.config.DATABASE_URL });
      await dying.connect();
      await dying.query('BEGIN');
      await dying.query('SELECT pg_advisory_xact_lock($1::bigint)', [idempotencyLockId(greek.id, crashed)]);
      await fixture.report(greek, italianTarget, body, crashed).expect(409);
      await dying.end();
      await fixture.report(greek, italianTarget, body, crashed).expect(201);
      await fixture.report(greek, italianTarget, body, crashed).expect(201);
      const made = await dragnet.dataSource.query(`SELECT id FROM leads WHERE narrative = $1`, ['After a crash']);
      expect(made).toHaveLength(1);
    });

    it('lets an expired key be used again, for any request', async () => {
      const key = randomUUID();
      await fixture.report(greek, italianTarget, leadBody({ place: 'Volos' }), key).expect(201);
      await dragnet.dataSource.query(
        `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND key = $2`,
        [greek.id, key],
      );
      await fixture.report(greek, italianTarget, leadBody({ place: 'Larissa' }), key).expect(201);
    });
  });

  describe('need to know', () => {
    let operation: string;
    let wantedByItaly: string;
    let wantedBySpain: string;
    const leads: Record<string, string> = {};

    beforeAll(async () => {
      operation = await fixture.operation(['IT', 'GR', 'ES']);
      wantedByItaly = await fixture.target(operation, 'IT');
      wantedBySpain = await fixture.target(operation, 'ES');
      await fixture.advance(operation, 'active');
      await dragnet.http
        .post(`/api/operations/${operation}/members`)
        .set(bearer(coordinator))
        .send({ userId: observer.id })
        .expect(201);
      // Reported by Greece, in Greece, about Italy's target.
      leads.greeceInGreece = await fixture.lead(greek, wantedByItaly, { country: 'GR', handlingCode: 'H1' });
      // Reported by Greece, in Spain, about Italy's target.
      leads.greeceInSpain = await fixture.lead(greek, wantedByItaly, { country: 'ES', handlingCode: 'H0' });
      leads.restrictedH2 = await fixture.lead(greek, wantedByItaly, { country: 'ES', handlingCode: 'H2' });
      leads.restrictedH3 = await fixture.lead(coordinator, wantedByItaly, {
        reportingCountry: 'ES',
        country: 'GR',
        handlingCode: 'H3',
        handlingRestriction: 'Not to be shared with third parties',
      });
      // Reported by Italy, in Italy, about Spain's target.
      leads.italyAboutSpain = await fixture.lead(italian, wantedBySpain, { country: 'IT', handlingCode: 'H0' });
    });

    const visible = async (user: TestUser) => {
      const response = await read(user, `/api/operations/${operation}/leads`).expect(200);
      return ids(response.body);
    };
    const expected = (...names: string[]) => names.map((name) => leads[name]).sort();

    it('shows a country the leads it reported, located in it, or about targets it wants; H2 and H3 only to the reporter', async () => {
      expect(await visible(coordinator)).toEqual(Object.values(leads).sort());
      expect(await visible(greek)).toEqual(expected('greeceInGreece', 'greeceInSpain', 'restrictedH2'));
      expect(await visible(italian)).toEqual(expected('greeceInGreece', 'greeceInSpain', 'italyAboutSpain'));
      expect(await visible(spanish)).toEqual(expected('greeceInSpain', 'restrictedH3', 'italyAboutSpain'));
      expect(await visible(observer)).toEqual(expected('greeceInGreece', 'greeceInSpain', 'italyAboutSpain'));
    });

    it('answers 404 for each lead a caller may not see, and 404 for an operation it does not see', async () => {
      await read(italian, `/api/leads/${leads.restrictedH2}`).expect(404);
      await read(spanish, `/api/leads/${leads.restrictedH2}`).expect(404);
      await read(observer, `/api/leads/${leads.restrictedH2}`).expect(404);
      await read(greek, `/api/leads/${leads.restrictedH2}`).expect(200);
      await read(italian, `/api/leads/${leads.restrictedH3}`).expect(404);
      await read(greek, `/api/leads/${leads.restrictedH3}/history`).expect(404);
      await read(spanish, `/api/leads/${leads.restrictedH3}`).expect(200);
      await read(greek, `/api/leads/${leads.italyAboutSpain}`).expect(404);
      await read(observer, `/api/leads/${leads.restrictedH3}`).expect(404);
      await read(german, `/api/leads/${leads.greeceInGreece}`).expect(404);
      await read(german, `/api/operations/${operation}/leads`).expect(404);
      await read(outsider, `/api/leads/${leads.greeceInGreece}`).expect(404);
      await read(outsider, `/api/operations/${operation}/leads`).expect(404);
      await read(admin, `/api/leads/${leads.greeceInGreece}`).expect(403);
      await read(admin, `/api/operations/${operation}/leads`).expect(403);
    });

    it("shows a target's timeline, latest observation first, as far as the caller may see it", async () => {
      const older = await fixture.lead(italian, wantedByItaly, {
        country: 'IT',
        observedAt: '2016-05-01T10:00:00.000Z',
        handlingCode: 'H0',
      });
      const newer = await fixture.lead(italian, wantedByItaly, {
        country: 'IT',
        observedAt: '2016-05-11T10:00:00.000Z',
        handlingCode: 'H0',
      });
      const timeline = await read(italian, `/api/targets/${wantedByItaly}/leads`).expect(200);
      // Same observation time: the later report first.
      expect(timeline.body.items.map((lead: LeadBody) => lead.id)).toEqual([
        newer,
        leads.greeceInSpain,
        leads.greeceInGreece,
        older,
      ]);
      expect(timeline.body).toMatchObject({ total: 4, limit: 50, offset: 0 });
      const forGreece = await read(greek, `/api/targets/${wantedByItaly}/leads`).expect(200);
      expect(ids(forGreece.body)).toEqual(expected('greeceInGreece', 'greeceInSpain', 'restrictedH2'));
      const forCoordinator = await read(coordinator, `/api/targets/${wantedByItaly}/leads?limit=2&offset=1`);
      expect(forCoordinator.body).toMatchObject({ total: 6, limit: 2, offset: 1 });
      await read(german, `/api/targets/${wantedByItaly}/leads`).expect(404);
    });

    it('filters by target, status, countries, grading and time reported, and pages up to 500', async () => {
      const list = async (query: string) =>
        ids((await read(coordinator, `/api/operations/${operation}/leads?${query}`).expect(200)).body);
      const since = new Date().toISOString();
      const late = await fixture.lead(spanish, wantedBySpain, {
        country: 'ES',
        sourceReliability: 'A',
        informationAssessment: 1,
        handlingCode: 'H0',
      });
      expect(await list(`since=${encodeURIComponent(since)}`)).toEqual([late]);
      expect(await list(`targetId=${wantedBySpain}`)).toEqual([leads.italyAboutSpain, late].sort());
      expect(await list('reportingCountry=es')).toEqual(expected('restrictedH3').concat(late).sort());
      expect(await list('country=GR')).toEqual(expected('greeceInGreece', 'restrictedH3'));
      expect(await list('handlingCode=H2')).toEqual(expected('restrictedH2'));
      expect(await list('sourceReliability=A&informationAssessment=1')).toEqual([late]);
      expect(await list('type=sighting&status=new&targetId=' + wantedBySpain)).toEqual(
        [leads.italyAboutSpain, late].sort(),
      );
      await move(coordinator, late, { to: 'under_assessment' }).expect(200);
      expect(await list('status=under_assessment')).toEqual([late]);
      const bad = await read(coordinator, `/api/operations/${operation}/leads?limit=501&informationAssessment=7`);
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body.details)).toEqual(['informationAssessment', 'limit']);
      const page = await read(coordinator, `/api/operations/${operation}/leads?limit=500`).expect(200);
      expect(page.body).toMatchObject({ total: 8, limit: 500, offset: 0 });
    });
  });

  describe('assessment', () => {
    it('moves a lead new → under_assessment → actioned → confirmed, keeping who, when, from, to and the note', async () => {
      const leadId = await fixture.lead(greek, italianTarget);
      await move(coordinator, leadId, { to: 'under_assessment', note: 'Checking the ferry manifest' }).expect(200);
      await move(coordinator, leadId, { to: 'actioned', version: 2 }).expect(200);
      const confirmed = await move(coordinator, leadId, { to: 'confirmed', note: 'On the manifest' }).expect(200);
      expect(confirmed.body).toMatchObject({ status: 'confirmed', version: 4 });
      const history = await read(greek, `/api/leads/${leadId}/history`).expect(200);
      expect(
        history.body.map((change: { fromStatus: string | null; toStatus: string; note: string | null }) => [
          change.fromStatus,
          change.toStatus,
          change.note,
        ]),
      ).toEqual([
        [null, 'new', null],
        ['new', 'under_assessment', 'Checking the ferry manifest'],
        ['under_assessment', 'actioned', null],
        ['actioned', 'confirmed', 'On the manifest'],
      ]);
      expect(history.body[1]).toMatchObject({ actorId: coordinator.id, actorRole: 'coordinator' });
      expect(Date.parse(history.body[1].at)).not.toBeNaN();
      const audit = await dragnet.dataSource.query(
        `SELECT action, before, after FROM audit_entries WHERE entity_id = $1 ORDER BY id`,
        [leadId],
      );
      expect(audit.map((entry: { action: string }) => entry.action)).toEqual([
        'lead.create',
        'lead.transition',
        'lead.transition',
        'lead.transition',
        // Reading the history above is a read of the lead, and audited.
        'lead.history',
      ]);
      expect(audit[3]).toMatchObject({ before: { status: 'actioned' }, after: { status: 'confirmed' } });
    });

    it('refuses moves outside the workflow with 409 naming the allowed ones, and closes any open lead', async () => {
      const leadId = await fixture.lead(greek, italianTarget);
      const skipped = await move(coordinator, leadId, { to: 'confirmed' }).expect(409);
      expect(skipped.body.message).toBe(
        "Lead cannot move from 'new' to 'confirmed'; allowed: under_assessment, closed",
      );
      const stale = await move(coordinator, leadId, { to: 'closed', version: 7 }).expect(409);
      expect(stale.body.details).toEqual([{ field: 'version', message: 'current version is 1' }]);
      await move(coordinator, leadId, { to: 'closed', note: 'Duplicate of an earlier lead' }).expect(200);
      const again = await move(coordinator, leadId, { to: 'under_assessment' }).expect(409);
      expect(again.body.message).toContain('allowed: none');
      const bad = await move(coordinator, leadId, { to: 'archived' }).expect(400);
      expect(bad.body.details[0].field).toBe('to');
    });

    it('leaves the assessment to coordinators', async () => {
      const leadId = await fixture.lead(greek, italianTarget);
      await move(greek, leadId, { to: 'under_assessment' }).expect(403);
      await move(italian, leadId, { to: 'under_assessment' }).expect(403);
      await move(observer, leadId, { to: 'under_assessment' }).expect(403);
      await move(coordinator, randomUUID(), { to: 'under_assessment' }).expect(404);
    });
  });

  describe('e-mails', () => {
    const about = (leadId: string) => (mail: { text: string }) => mail.text.includes(leadId);

    it("tells the wanted-by country's focal points and the coordinators, each in their own message", async () => {
      const leadId = await fixture.lead(greek, italianTarget, { narrative: 'Seen at <the> harbour café' });
      const mails = await smtp.waitFor(about(leadId), 2);
      const toItaly = mails.find((mail) => mail.to.includes('fp@it.example'))!;
      const toCoordinators = mails.find((mail) => mail.to.includes(coordinator.email))!;
      expect(toItaly.to).toEqual(['fp@it.example']);
      expect(toCoordinators.to).not.toContain('fp@it.example');
      expect(toItaly.subject).toMatch(/^\[FIELD-.*\] New lead on FIELD-.*-\d{4}: sighting in Greece$/);
      expect(toItaly.text).toContain('Reported by: Greece (GR)');
      expect(toItaly.text).toContain('Grading: B2 H1');
      expect(toItaly.text).toContain('Believed to be in: Patras, port area, Greece (GR)');
      expect(toItaly.text).toContain('Seen at <the> harbour café');
      expect(toItaly.text).toContain(`https://dragnet.example/operations/${operationId}/leads/${leadId}`);
      expect(toItaly.html).toContain('Seen at &lt;the&gt; harbour café');
      expect(toCoordinators.text).toBe(toItaly.text);
      await delay(300);
      expect(smtp.messages.filter(about(leadId))).toHaveLength(2);
    });

    it('never puts the content of an H2 or H3 lead into an e-mail', async () => {
      const h2 = await fixture.lead(greek, italianTarget, {
        narrative: 'Secret informant says he sleeps at the port',
        place: 'Warehouse 7',
        handlingCode: 'H2',
      });
      const h3 = await fixture.lead(greek, italianTarget, {
        narrative: 'Another secret narrative',
        place: 'Warehouse 9',
        latitude: 38.1,
        longitude: 21.1,
        handlingCode: 'H3',
        handlingRestriction: 'Only for the Italian NCB',
      });
      for (const leadId of [h2, h3]) {
        const mails = await smtp.waitFor(about(leadId), 2);
        for (const mail of mails) {
          expect(mail.subject).toMatch(/\((H2|H3), restricted\)$/);
          expect(mail.text).toContain('its content is restricted and is not sent by e-mail');
          for (const secret of [
            'Secret informant',
            'Another secret',
            'Warehouse',
            '38.1',
            'Only for the Italian NCB',
          ]) {
            expect(mail.text).not.toContain(secret);
            expect(mail.html).not.toContain(secret);
          }
        }
      }
    });
  });
});
