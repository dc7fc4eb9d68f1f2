import { Role } from '@dragnet/domain';
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

  it('computes the final results at close, counting accepted targets never located as still at large', async () => {
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
    expect(entry.after.finalResults.totals).toMatchObject({ stillAtLarge: 3, arrested: 1, located: 1, tasksOpen: 1 });
    const greece = entry.after.finalResults.countries.find((country: { country: string }) => country.country === 'GR');
    expect(greece).toMatchObject({ stillAtLarge: 3, arrested: 1, located: 1, leadsReported: 1 });
  });

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
