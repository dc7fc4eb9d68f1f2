import { AUTHORIZATION_MATRIX, type MatrixRequest } from './support/authorization-matrix';
import { changedTables, databaseSnapshot } from './support/database-snapshot';
import { errorContractProblems, send } from './support/matrix-client';
import { resolve, type OpenApiDocument } from './support/openapi-arbitraries';
import { HOME, NEIGHBOUR, PERSONAS, SecurityWorld, type Persona, startSecurityWorld } from './support/security-world';
import { bearer, TestDragnet } from './support/test-dragnet';

/** Fields a client must never set where the body does not declare them. */
const PRIVILEGED = {
  id: '00000000-0000-4000-8000-000000000001',
  role: 'admin',
  country: NEIGHBOUR,
  version: 99,
  status: 'closed',
  operationId: '00000000-0000-4000-8000-000000000002',
  targetId: '00000000-0000-4000-8000-000000000003',
  reportingCountry: NEIGHBOUR,
  nominatingCountry: NEIGHBOUR,
  requestingCountry: NEIGHBOUR,
  assignedCountry: NEIGHBOUR,
  reportedBy: '00000000-0000-4000-8000-000000000004',
  createdBy: '00000000-0000-4000-8000-000000000005',
  createdAt: '2000-01-01T00:00:00.000Z',
  updatedAt: '2000-01-01T00:00:00.000Z',
  active: false,
  passwordHash: '$argon2id$forged',
  tokenGeneration: 0,
  reference: 'HYDRA-2016-0001',
  constructor: { name: 'x' },
  ['__proto__']: { isAdmin: true },
};

/**
 * Mass assignment: every JSON body of the OpenAPI document, made valid for a persona that may send it,
 * with each privileged or internal field it does not declare added: 400 naming the field, nothing
 * written. Declared fields (an admin setting `role`, the `version` for optimistic locking, a
 * transition's `status`/`to`) are documented inputs; the domain checks them (tests below).
 */
describe('Mass assignment', () => {
  let dragnet: TestDragnet;
  let world: SecurityWorld;
  let baseUrl: string;
  let document: OpenApiDocument;

  beforeAll(async () => {
    ({ dragnet, world, baseUrl, document } = await startSecurityWorld());
  }, 120_000);
  afterAll(() => dragnet.close());

  it('refuses every undeclared privileged field in every JSON body with 400 naming it, and writes nothing', async () => {
    // Build every request first (builders may make fresh records), then send them all between two snapshots.
    const prepared: { where: string; field: string; method: string; request: MatrixRequest; token: string | null }[] =
      [];
    for (const [path, methods] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(methods)) {
        const schema = operation.requestBody?.content['application/json']?.schema;
        if (!schema) continue;
        const key = `${method.toUpperCase()} ${path}`;
        const entry = AUTHORIZATION_MATRIX[key];
        const persona = PERSONAS.find((name: Persona) => entry.expect[name] < 300)!;
        const declared = Object.keys(resolve(document, schema).properties ?? {});
        for (const [field, value] of Object.entries(PRIVILEGED)) {
          if (declared.includes(field)) continue;
          const request = await entry.request(world, persona);
          const body = { ...(request.body as object) };
          Object.defineProperty(body, field, { value, enumerable: true, configurable: true, writable: true });
          const where = `${key} as ${persona} with ${field}`;
          prepared.push({
            where,
            field,
            method: method.toUpperCase(),
            request: { ...request, body },
            token: world.token(persona),
          });
        }
      }
    const problems: string[] = [];
    const before = await databaseSnapshot(dragnet.dataSource);
    for (const { where, field, method, request, token } of prepared) {
      const answer = await send(baseUrl, method, request, token);
      if (answer.status !== 400) problems.push(`${where}: ${answer.status} ${answer.text.slice(0, 160)}`);
      else {
        const details = (answer.body as { details?: { field: string }[] }).details ?? [];
        if (!details.some((detail) => detail.field === field)) problems.push(`${where}: details do not name it`);
      }
      for (const problem of errorContractProblems(answer)) problems.push(`${where}: ${problem}`);
    }
    expect(changedTables(before, await databaseSnapshot(dragnet.dataSource))).toEqual([]);
    const checked = prepared.length;
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  }, 300_000);

  describe('declared fields that carry authority are checked by the domain, never applied blindly', () => {
    it('an investigator cannot nominate for, report a lead for, or draft a request for another country', async () => {
      const italian = world.users.investigator;
      const before = await databaseSnapshot(dragnet.dataSource);
      const nomination = await dragnet.http
        .post(`/api/operations/${world.nominationOperationId}/targets`)
        .set(bearer(italian))
        .send({ familyName: 'Karim', wantedByCountry: HOME, nominatingCountry: NEIGHBOUR });
      const lead = await dragnet.http
        .post(`/api/targets/${world.targetId}/leads`)
        .set(bearer(italian))
        .set('Idempotency-Key', '0b1c9a52-0c1e-4c55-9a0a-9d3f7a4e0001')
        .send({
          reportingCountry: NEIGHBOUR,
          country: HOME,
          place: 'Bari',
          observedAt: '2016-05-10T08:30:00.000Z',
          type: 'sighting',
          narrative: 'Seen',
          sourceReliability: 'B',
          informationAssessment: 2,
          handlingCode: 'H1',
        });
      const draft = await dragnet.http
        .post(`/api/targets/${world.targetId}/requests`)
        .set(bearer(italian))
        .send({ type: 'yellow', requestingCountry: NEIGHBOUR });
      for (const answer of [nomination, lead, draft]) {
        expect([400, 403]).toContain(answer.status);
        expect(
          errorContractProblems({ ...answer, headers: new Headers(), body: answer.body, text: answer.text }),
        ).toEqual([]);
      }
      expect(changedTables(before, await databaseSnapshot(dragnet.dataSource))).toEqual([]);
    });

    it('only an admin sets a role; nobody changes their own role or country through /api/me', async () => {
      const coordinator = world.users.coordinator;
      await dragnet.http
        .patch(`/api/users/${coordinator.id}`)
        .set(bearer(coordinator))
        .send({ role: 'admin' })
        .expect(403);
      const me = await dragnet.http.post('/api/me/password').set(bearer(coordinator)).send({
        currentPassword: 'a long enough test passphrase',
        newPassword: 'a long enough test passphrase 2',
        role: 'admin',
      });
      expect(me.status).toBe(400);
      expect(me.body.details).toContainEqual({ field: 'role', message: 'property role should not exist' });
      const [row] = await dragnet.dataSource.query(`SELECT role FROM users WHERE id = $1`, [coordinator.id]);
      expect(row.role).toBe('coordinator');
    });

    it('an investigator cannot let itself export results (investigatorExportsAllowed is the coordinators’)', async () => {
      const before = await databaseSnapshot(dragnet.dataSource);
      const answer = await dragnet.http
        .patch(`/api/operations/${world.nominationOperationId}`)
        .set(bearer(world.users.investigator))
        .send({ investigatorExportsAllowed: true })
        .expect(403);
      expect(
        errorContractProblems({ ...answer, headers: new Headers(), body: answer.body, text: answer.text }),
      ).toEqual([]);
      expect(changedTables(before, await databaseSnapshot(dragnet.dataSource))).toEqual([]);
      await dragnet.http
        .post(`/api/operations/${world.nominationOperationId}/exports`)
        .set(bearer(world.users.investigator))
        .send({ format: 'csv' })
        .expect(403);
    });

    it('a stale version is refused, never written over', async () => {
      const answer = await dragnet.http
        .patch(`/api/operations/${world.operationId}`)
        .set(bearer(world.users.coordinator))
        .send({ description: 'Overwritten', version: 1 })
        .expect(409);
      expect(answer.body.details).toEqual([
        { field: 'version', message: expect.stringMatching(/^current version is \d+$/) },
      ]);
    });
  });
});
