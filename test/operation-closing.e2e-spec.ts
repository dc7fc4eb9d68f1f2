import { computeOperationFigures, RollupsService, Role } from '@dragnet/domain';
import { JobName, QueueName } from '@dragnet/platform';
import { FieldworkFixture, leadBody } from './support/fieldwork-fixture';
import { bearer, TestDragnet, TestUser } from './support/test-dragnet';

/** Every table a write to an operation's content may touch, with the audit trail. */
const TABLES = [
  'operations',
  'participants',
  'operation_members',
  'targets',
  'warrants',
  'duplicate_dismissals',
  'notice_requests',
  'leads',
  'tasks',
  'audit_entries',
  'outbox_messages',
];

describe('Closing an operation', () => {
  let dragnet: TestDragnet;
  let fixture: FieldworkFixture;
  let coordinator: TestUser;
  let italian: TestUser;
  let greek: TestUser;
  let observer: TestUser;
  let otherObserver: TestUser;
  let operationId: string;
  const ids: Record<string, string> = {};

  const as = (user: TestUser) => ({
    post: (path: string, body: object = {}) => dragnet.http.post(path).set(bearer(user)).send(body),
    patch: (path: string, body: object = {}) => dragnet.http.patch(path).set(bearer(user)).send(body),
    delete: (path: string) => dragnet.http.delete(path).set(bearer(user)),
    get: (path: string) => dragnet.http.get(path).set(bearer(user)),
  });

  /** A fingerprint of every row of every table, to prove a refused write changed nothing. */
  async function fingerprint(): Promise<Record<string, string>> {
    const entries = await Promise.all(
      TABLES.map(async (table) => {
        const [row] = await dragnet.dataSource.query(
          `SELECT count(*)::text || ':' || COALESCE(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS print FROM ${table} t`,
        );
        return [table, row.print as string];
      }),
    );
    return Object.fromEntries(entries);
  }

  beforeAll(async () => {
    dragnet = await TestDragnet.start();
    [coordinator, italian, greek, observer, otherObserver] = await Promise.all([
      dragnet.user(Role.Coordinator),
      dragnet.user(Role.Investigator, 'IT'),
      dragnet.user(Role.Investigator, 'GR'),
      dragnet.user(Role.Observer),
      dragnet.user(Role.Observer),
    ]);
    fixture = new FieldworkFixture(dragnet, coordinator);
    operationId = await fixture.operation(['IT', 'GR']);
    await as(coordinator).post(`/api/operations/${operationId}/members`, { userId: observer.id }).expect(201);
    ids.arrested = await fixture.target(operationId, 'IT', 'accepted', 'Arrested');
    ids.located = await fixture.target(operationId, 'IT', 'accepted', 'Located');
    ids.lost = await fixture.target(operationId, 'GR', 'accepted', 'Trace Lost');
    ids.neverFound = await fixture.target(operationId, 'GR', 'accepted', 'Never Found');
    ids.duplicate = await fixture.target(operationId, 'GR', 'accepted', 'Never Found');
    ids.warrant = (
      await as(coordinator)
        .post(`/api/targets/${ids.arrested}/warrants`, {
          issuingCountry: 'IT',
          wantedFor: 'prosecution',
          reference: 'W-1',
        })
        .expect(201)
    ).body.id;
    ids.request = (
      await as(italian).post(`/api/targets/${ids.arrested}/requests`, { type: 'red' }).expect(201)
    ).body.id;
    await fixture.advance(operationId, 'follow_up');
    await as(coordinator)
      .post(`/api/targets/${ids.arrested}/status`, { status: 'arrested', country: 'GR' })
      .expect(200);
    await as(coordinator).post(`/api/targets/${ids.located}/status`, { status: 'located', country: 'GR' }).expect(200);
    await as(coordinator).post(`/api/targets/${ids.lost}/status`, { status: 'located', country: 'IT' }).expect(200);
    await as(coordinator).post(`/api/targets/${ids.lost}/status`, { status: 'accepted' }).expect(200);
    ids.lead = await fixture.lead(greek, ids.neverFound, leadBody());
    ids.task = (
      await as(coordinator)
        .post(`/api/operations/${operationId}/tasks`, { assignedCountry: 'GR', type: 'locate', title: 'Find him' })
        .expect(201)
    ).body.id;
    await fixture.advance(operationId, 'closed');
  });

  afterAll(async () => {
    await dragnet.close();
  });

  /** Every roll-up snapshot of an operation, oldest first. */
  const snapshotsOf = async (id: string) =>
    (await dragnet.dataSource.query(
      `SELECT id::bigint::float8 AS id, computed_at, final, figures FROM operation_status_snapshots
        WHERE operation_id = $1 ORDER BY id`,
      [id],
    )) as { id: number; computed_at: Date; final: boolean; figures: Record<string, unknown> }[];

  it('stores a final roll-up at close, counting accepted targets never located as still at large', async () => {
    const [entry] = await dragnet.dataSource.query(
      `SELECT after FROM audit_entries WHERE entity_id = $1 AND action = 'operation.status' ORDER BY id DESC LIMIT 1`,
      [operationId],
    );
    expect(entry.after.status).toBe('closed');
    expect(entry.after.finalResults.headline).toEqual({
      arrested: 1,
      located: 1,
      countries: 1,
      text: '1 fugitive arrested and 1 located in 1 country',
    });
    // The lost trace and the two never found (one a likely duplicate, not merged) are still at large.
    expect(entry.after.finalResults.totals).toMatchObject({
      stillAtLarge: 3,
      arrested: 1,
      located: 1,
      tasks: { open: 1 },
      targetsByStatus: { accepted: 3, arrested: 1, located: 1 },
    });
    const greece = entry.after.finalResults.countries.find((country: { country: string }) => country.country === 'GR');
    expect(greece).toMatchObject({ stillAtLargeWantedBy: 3, arrestedIn: 1, locatedIn: 1, leads: { total: 1 } });

    // The close's audit entry points at the final snapshot, which holds the same figures.
    const finals = (await snapshotsOf(operationId)).filter((snapshot) => snapshot.final);
    expect(finals).toHaveLength(1);
    expect(Number(entry.after.finalSnapshotId)).toBe(finals[0].id);
    expect(new Date(entry.after.finalComputedAt)).toEqual(finals[0].computed_at);
    expect(finals[0].figures).toEqual(entry.after.finalResults);
  });

  it('answers GET status with the final snapshot, for every role as it may see it', async () => {
    const [final] = (await snapshotsOf(operationId)).filter((snapshot) => snapshot.final);
    const figures = final.figures as { headline: unknown; totals: unknown; countries: { country: string }[] };
    const coordinatorView = (await as(coordinator).get(`/api/operations/${operationId}/status`).expect(200)).body;
    expect(coordinatorView).toMatchObject({ scope: 'operation', final: true });
    expect(new Date(coordinatorView.computedAt)).toEqual(final.computed_at);
    expect({
      headline: coordinatorView.headline,
      totals: coordinatorView.totals,
      countries: coordinatorView.countries,
      networks: coordinatorView.networks,
    }).toEqual(figures);
    const greekView = (await as(greek).get(`/api/operations/${operationId}/status`).expect(200)).body;
    expect(greekView).toMatchObject({ scope: 'country', final: true, totals: null, headline: figures.headline });
    expect(greekView.countries).toEqual(figures.countries.filter((country) => country.country === 'GR'));
    const history = (await as(coordinator).get(`/api/operations/${operationId}/status/history`).expect(200)).body;
    expect(history[0]).toMatchObject({ final: true, computedAt: coordinatorView.computedAt });
  });

  it('never rolls a closed operation up again: refresh and roll-up jobs answer the final snapshot', async () => {
    const before = await snapshotsOf(operationId);
    const refreshed = await as(coordinator).post(`/api/operations/${operationId}/status/refresh`).expect(201);
    const latest = (await as(coordinator).get(`/api/operations/${operationId}/status`).expect(200)).body;
    expect(refreshed.body).toEqual(latest);
    expect(refreshed.body.final).toBe(true);
    // What the scheduled and debounced roll-up jobs run.
    const rolledUp = await dragnet.app.get(RollupsService).snapshot(operationId);
    expect(rolledUp.final).toBe(true);
    expect(rolledUp.computedAt).toEqual(new Date(latest.computedAt));
    expect(await snapshotsOf(operationId)).toEqual(before);
    const refreshes = await dragnet.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE entity_id = $1 AND action = 'operation.status.refreshed'`,
      [operationId],
    );
    expect(refreshes[0].n).toBe(0);
  });

  it('keeps the final snapshot last when roll-ups run while the close is in flight', async () => {
    const racing = await fixture.operation(['IT', 'GR']);
    const arrested = await fixture.target(racing, 'IT', 'accepted', 'Race Arrested');
    await fixture.target(racing, 'GR', 'accepted', 'Race At Large');
    await fixture.advance(racing, 'follow_up');
    await as(coordinator).post(`/api/targets/${arrested}/status`, { status: 'arrested', country: 'GR' }).expect(200);
    const status = dragnet.app.get(RollupsService);
    // Hold the close inside its transaction (status changed, final snapshot stored, audit entry
    // waiting) while roll-ups start, the widest window a roll-up could slip into.
    const holder = dragnet.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('LOCK TABLE audit_entries IN EXCLUSIVE MODE');
    const closing = as(coordinator)
      .post(`/api/operations/${racing}/status`, { status: 'closed' })
      .then((response) => response);
    const waiting = async (pattern: string) =>
      (
        await dragnet.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
          [pattern],
        )
      )[0].n as number;
    // Waiting for the states, with deadlines far beyond what an idle machine needs.
    const deadline = Date.now() + 30_000;
    while ((await waiting('INSERT INTO%audit_entries%')) === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const rollUps = Array.from({ length: 6 }, () => status.snapshot(racing));
    while ((await waiting('SELECT status FROM operations%')) < 6 && Date.now() < deadline + 30_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await holder.commitTransaction();
    await holder.release();
    expect((await closing).status).toBe(200);
    const answered = await Promise.all(rollUps);
    const snapshots = await snapshotsOf(racing);
    const finals = snapshots.filter((snapshot) => snapshot.final);
    expect(finals).toHaveLength(1);
    // The roll-ups waited for the close, then answered its final snapshot instead of adding one.
    expect(answered.map((snapshot) => [Number(snapshot.id), snapshot.final])).toEqual(
      answered.map(() => [finals[0].id, true]),
    );
    expect(snapshots.at(-1)!.final).toBe(true);
    const latest = (await as(coordinator).get(`/api/operations/${racing}/status`).expect(200)).body;
    expect(latest.final).toBe(true);
    const recomputed = await computeOperationFigures(dragnet.dataSource.manager, racing, finals[0].computed_at);
    expect(finals[0].figures).toEqual(recomputed);
    expect(recomputed.totals).toMatchObject({ arrested: 1, stillAtLarge: 1 });
  });

  it('lets a debounced roll-up queued before the close run after it without replacing the final snapshot', async () => {
    const operation = await fixture.operation(['IT']);
    const target = await fixture.target(operation, 'IT', 'accepted', 'Debounced');
    await fixture.advance(operation, 'follow_up');
    await dragnet.startWorker({ ROLLUP_DEBOUNCE_MS: 1_000, ROLLUP_EVERY_MS: 3600_000 });
    try {
      // Let the worker subscribe to the live feed and its boot-time scheduled roll-up pass.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await as(coordinator).post(`/api/targets/${target}/status`, { status: 'located', country: 'IT' }).expect(200);
      await as(coordinator).post(`/api/operations/${operation}/status`, { status: 'closed' }).expect(200);
      const queue = dragnet.producer.queue(QueueName.Housekeeping);
      let ran = false;
      for (const deadline = Date.now() + 60_000; !ran && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const jobs = await queue.getJobs(['completed', 'failed']);
        ran = jobs.some((job) => job.name === JobName.OperationStatusRollup && job.data.operationId === operation);
      }
      expect(ran).toBe(true);
      const snapshots = await snapshotsOf(operation);
      expect(snapshots.at(-1)!.final).toBe(true);
      expect(snapshots.filter((snapshot) => snapshot.final)).toHaveLength(1);
      const latest = (await as(coordinator).get(`/api/operations/${operation}/status`).expect(200)).body;
      expect(latest).toMatchObject({ final: true, headline: { located: 1 } });
    } finally {
      await dragnet.stopWorkers();
    }
  }, 120_000);

  it('answers 409 to every change of targets, warrants, leads, tasks, requests, participants and members, changing nothing', async () => {
    const { version } = (await as(coordinator).get(`/api/targets/${ids.neverFound}`).expect(200)).body;
    const { version: requestVersion } = (await as(italian).get(`/api/requests/${ids.request}`).expect(200)).body;
    // After the reads: reading a target's detail is audited (target.read), which is not a change.
    const before = await fingerprint();
    const attempts = [
      // Targets and their warrants, imports, duplicates and merges.
      as(coordinator).post(`/api/operations/${operationId}/targets`, {
        familyName: 'Late',
        wantedByCountry: 'IT',
        nominatingCountry: 'IT',
      }),
      as(coordinator).patch(`/api/targets/${ids.neverFound}`, { networkName: 'Late network', version }),
      as(coordinator).post(`/api/targets/${ids.neverFound}/status`, { status: 'arrested', country: 'GR' }),
      as(greek).post(`/api/targets/${ids.neverFound}/status`, { status: 'located' }),
      as(coordinator).post(`/api/targets/${ids.duplicate}/merge`, { intoId: ids.neverFound }),
      as(coordinator).post(`/api/operations/${operationId}/targets/duplicates/dismiss`, {
        targetId: ids.duplicate,
        otherId: ids.neverFound,
      }),
      dragnet.http
        .post(`/api/operations/${operationId}/targets/import`)
        .set(bearer(coordinator))
        .set('Content-Type', 'text/csv')
        .send('family_name,wanted_by_country,nominating_country\nLate,IT,IT\n'),
      as(coordinator).post(`/api/targets/${ids.arrested}/warrants`, { issuingCountry: 'IT', wantedFor: 'prosecution' }),
      as(coordinator).patch(`/api/targets/${ids.arrested}/warrants/${ids.warrant}`, { reference: 'W-2' }),
      as(coordinator).delete(`/api/targets/${ids.arrested}/warrants/${ids.warrant}`),
      // Notice and diffusion requests.
      as(italian).post(`/api/targets/${ids.arrested}/requests`, { type: 'red_diffusion', recipientsAll: true }),
      as(italian).patch(`/api/requests/${ids.request}`, { article3Attested: true, version: requestVersion }),
      as(italian).post(`/api/requests/${ids.request}/transitions`, { to: 'submitted' }),
      // Leads and tasks.
      fixture.report(greek, ids.neverFound, leadBody()),
      as(coordinator).post(`/api/leads/${ids.lead}/transitions`, { to: 'under_assessment' }),
      as(coordinator).post(`/api/leads/${ids.lead}/tasks`, { type: 'verify_lead', title: 'Check it' }),
      as(coordinator).post(`/api/operations/${operationId}/tasks`, {
        assignedCountry: 'IT',
        type: 'other',
        title: 'Late',
      }),
      as(coordinator).post(`/api/operations/${operationId}/tasks/bulk`, {
        countries: 'all',
        type: 'other',
        title: 'Late',
      }),
      as(greek).post(`/api/tasks/${ids.task}/transitions`, { to: 'acknowledged' }),
      as(coordinator).post(`/api/tasks/${ids.task}/transitions`, { to: 'cancelled' }),
      // Participants, members and the operation itself.
      as(coordinator).post(`/api/operations/${operationId}/participants`, {
        country: 'ES',
        roles: ['transit'],
        ncbName: 'NCB Madrid',
        focalPointEmails: ['fp@es.example'],
      }),
      as(coordinator).patch(`/api/operations/${operationId}/participants/GR`, { ncbName: 'NCB Athens (new)' }),
      as(coordinator).delete(`/api/operations/${operationId}/participants/GR`),
      as(coordinator).post(`/api/operations/${operationId}/members`, { userId: otherObserver.id }),
      as(coordinator).delete(`/api/operations/${operationId}/members/${observer.id}`),
      as(coordinator).patch(`/api/operations/${operationId}`, { name: 'Renamed after closing' }),
      as(coordinator).post(`/api/operations/${operationId}/status`, { status: 'follow_up' }),
    ];
    const responses = [];
    for (const attempt of attempts) responses.push(await attempt);
    // Listed with their position, so a failure names the write path that was let through.
    expect(responses.map((response, index) => `${index}: ${response.status}`)).toEqual(
      responses.map((_response, index) => `${index}: 409`),
    );
    for (const response of responses.slice(0, -1)) {
      expect(response.body.message).toBe('The operation is closed and read-only');
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('keeps the closed operation readable, and its sharing setting changeable', async () => {
    await as(coordinator).get(`/api/operations/${operationId}/targets`).expect(200);
    await as(italian).get(`/api/targets/${ids.arrested}`).expect(200);
    await as(greek).get(`/api/leads/${ids.lead}`).expect(200);
    await as(greek).get(`/api/tasks/${ids.task}`).expect(200);
    await as(observer).get(`/api/operations/${operationId}`).expect(200);
    const shared = await as(coordinator)
      .patch(`/api/operations/${operationId}`, { investigatorExportsAllowed: true })
      .expect(200);
    expect(shared.body).toMatchObject({ status: 'closed', investigatorExportsAllowed: true });
    await as(italian).patch(`/api/operations/${operationId}`, { investigatorExportsAllowed: false }).expect(403);
    await as(coordinator).post(`/api/operations/${operationId}/exports`, { format: 'json' }).expect(202);
    await as(italian).post(`/api/operations/${operationId}/exports`, { format: 'csv' }).expect(202);
  });
});
