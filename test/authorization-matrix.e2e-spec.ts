import { QueueName } from '@dragnet/platform';
import type { OpenApiDocument } from './support/openapi-arbitraries';
import { AUTHORIZATION_MATRIX } from './support/authorization-matrix';
import { changedTables, databaseSnapshot } from './support/database-snapshot';
import { errorContractProblems, openApiOperations, send } from './support/matrix-client';
import { PERSONAS, SecurityWorld, startSecurityWorld } from './support/security-world';
import { TestDragnet } from './support/test-dragnet';

const QUEUE_DASHBOARD = '/api/admin/queues';

describe('Authorization matrix over every endpoint of the OpenAPI document', () => {
  let dragnet: TestDragnet;
  let world: SecurityWorld;
  let baseUrl: string;
  let operations: string[];

  beforeAll(async () => {
    let document: OpenApiDocument;
    ({ dragnet, world, baseUrl, document } = await startSecurityWorld());
    operations = openApiOperations(document);
  }, 120_000);
  afterAll(() => dragnet.close());

  it('has an entry for every operation, and none for an operation that does not exist', () => {
    const missing = operations.filter((operation) => !(operation in AUTHORIZATION_MATRIX));
    const stale = Object.keys(AUTHORIZATION_MATRIX).filter((key) => !operations.includes(key));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
    expect(operations.length).toBeGreaterThanOrEqual(60);
  });

  it('answers each persona the expected status, and every refusal in the error contract', async () => {
    const mismatches: string[] = [];
    for (const operation of operations) {
      const entry = AUTHORIZATION_MATRIX[operation];
      if (!entry) continue;
      const method = operation.split(' ')[0];
      for (const persona of PERSONAS) {
        const request = await entry.request(world, persona);
        const answer = await send(baseUrl, method, request, world.token(persona));
        const expected = entry.expect[persona];
        if (answer.status !== expected)
          mismatches.push(
            `${operation} as ${persona}: ${answer.status} (expected ${expected}) ${answer.text.slice(0, 160)}`,
          );
        if (answer.status >= 400)
          for (const problem of errorContractProblems(answer))
            mismatches.push(`${operation} as ${persona}: ${problem}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 300_000);

  it('refuses an investigator export where the operation does not allow it (403), writing nothing', async () => {
    const before = await databaseSnapshot(dragnet.dataSource);
    const path = `/api/operations/${world.nominationOperationId}/exports`;
    const answer = await send(baseUrl, 'POST', { path, body: { format: 'csv' } }, world.token('investigator'));
    expect(answer.status).toBe(403);
    expect(errorContractProblems(answer)).toEqual([]);
    expect(changedTables(before, await databaseSnapshot(dragnet.dataSource))).toEqual([]);
  });

  describe('the queue dashboard (Bull Board, mounted outside Nest and the OpenAPI document)', () => {
    const pages = [QUEUE_DASHBOARD, `${QUEUE_DASHBOARD}/api/queues`];

    it('is not in the OpenAPI document, so the matrix cannot cover it', () => {
      expect(operations.some((operation) => operation.includes('/admin/'))).toBe(false);
    });

    it('answers admins 200, every other persona 403 and anonymous 401, in the error contract', async () => {
      const problems: string[] = [];
      for (const path of pages)
        for (const persona of PERSONAS) {
          const expected = { anonymous: 401, admin: 200 }[persona as string] ?? 403;
          const answer = await send(baseUrl, 'GET', { path }, world.token(persona));
          if (answer.status !== expected) problems.push(`GET ${path} as ${persona}: ${answer.status}`);
          if (answer.status >= 400)
            for (const problem of errorContractProblems(answer)) problems.push(`GET ${path} as ${persona}: ${problem}`);
        }
      expect(problems).toEqual([]);
    });

    it('answers 401 to a malformed, forged, revoked or deactivated admin token', async () => {
      const admin = world.users.admin;
      const revoked = (await world.freshSession('admin'))!;
      await send(baseUrl, 'POST', { path: '/api/auth/logout' }, revoked.token).then((answer) =>
        expect(answer.status).toBe(204),
      );
      const deactivated = (await world.freshSession('admin'))!;
      const patched = await send(
        baseUrl,
        'PATCH',
        { path: `/api/users/${deactivated.id}`, body: { active: false } },
        admin.token,
      );
      expect(patched.status).toBe(200);
      const tokens = {
        malformed: 'nonsense',
        forged: `${admin.token.slice(0, -4)}AAAA`,
        revoked: revoked.token,
        deactivated: deactivated.token,
      };
      for (const [kind, token] of Object.entries(tokens))
        for (const path of pages) {
          const answer = await send(baseUrl, 'GET', { path }, token);
          expect({ kind, path, status: answer.status, problems: errorContractProblems(answer) }).toEqual({
            kind,
            path,
            status: 401,
            problems: [],
          });
        }
    });

    it('lets no one but an admin act on the queues (pause all: 403, every queue still running)', async () => {
      for (const persona of PERSONAS.filter((name) => name !== 'admin')) {
        const answer = await send(
          baseUrl,
          'PUT',
          { path: `${QUEUE_DASHBOARD}/api/queues/pause` },
          world.token(persona),
        );
        expect({ persona, status: answer.status }).toEqual({ persona, status: persona === 'anonymous' ? 401 : 403 });
      }
      for (const name of Object.values(QueueName)) expect(await dragnet.producer.queue(name).isPaused()).toBe(false);
    });
  });
});
