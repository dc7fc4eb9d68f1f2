import { AuthService } from '@dragnet/domain';
import { QueueName } from '@dragnet/platform';
import type { OpenApiDocument } from './support/openapi-arbitraries';
import { AUTHORIZATION_MATRIX } from './support/authorization-matrix';
import { changedTables, databaseSnapshot } from './support/database-snapshot';
import { errorContractProblems, openApiOperations, send } from './support/matrix-client';
import { PERSONAS, SecurityWorld, startSecurityWorld } from './support/security-world';
import { TestDragnet } from './support/test-dragnet';

const QUEUE_DASHBOARD = '/api/admin/queues';
/** The audience of the dashboard cookie's token (apps/api/src/admin/queue-dashboard.ts). */
const QUEUE_DASHBOARD_AUDIENCE = 'dragnet-queue-dashboard';

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

    describe('opened from the console with its cookie (no bearer header, no token in the URL)', () => {
      const cookieOf = (answer: { headers: Headers }) => {
        const header = answer.headers.get('set-cookie') ?? '';
        return { header, pair: header.split(';')[0] };
      };
      const withCookie = (cookie: string) => send(baseUrl, 'GET', { path: QUEUE_DASHBOARD }, null, { Cookie: cookie });

      it('issues admins a short-lived HttpOnly, SameSite=Strict cookie scoped to the dashboard, which lets them in', async () => {
        const issued = await send(baseUrl, 'POST', { path: '/api/queue-dashboard/session' }, world.token('admin'));
        expect(issued.status).toBe(200);
        expect(issued.body).toEqual({ url: `${QUEUE_DASHBOARD}/`, expiresAt: expect.any(String) });
        const minutes = (Date.parse((issued.body as { expiresAt: string }).expiresAt) - Date.now()) / 60_000;
        expect(minutes).toBeGreaterThan(10);
        expect(minutes).toBeLessThanOrEqual(15);
        const { header, pair } = cookieOf(issued);
        expect(pair).toMatch(/^dragnet_queue_dashboard=[\w.-]+$/);
        expect(header).toMatch(/; Path=\/api\/admin\/queues(;|$)/);
        expect(header).toMatch(/; HttpOnly(;|$)/);
        expect(header).toMatch(/; SameSite=Strict(;|$)/);
        expect(header).toMatch(/; Expires=/);
        for (const path of pages) {
          const answer = await send(baseUrl, 'GET', { path }, null, { Cookie: pair });
          expect({ path, status: answer.status }).toEqual({ path, status: 200 });
        }
        // The cookie's token is the dashboard's alone: as a bearer token the API refuses it.
        const token = pair.split('=')[1];
        expect((await send(baseUrl, 'GET', { path: '/api/me' }, token)).status).toBe(401);
        // And the API's own token is no dashboard cookie.
        expect((await withCookie(`dragnet_queue_dashboard=${world.token('admin')}`)).status).toBe(401);
        // Ending it clears it.
        const cleared = await send(baseUrl, 'DELETE', { path: '/api/queue-dashboard/session' }, world.token('admin'));
        expect(cleared.status).toBe(204);
        expect(cookieOf(cleared).header).toMatch(
          /^dragnet_queue_dashboard=; Path=\/api\/admin\/queues; Expires=Thu, 01 Jan 1970/,
        );
      });

      it('refuses every other persona the cookie (403), and a dashboard cookie of a non-admin (403)', async () => {
        for (const persona of PERSONAS.filter((persona) => persona !== 'admin')) {
          const answer = await send(baseUrl, 'POST', { path: '/api/queue-dashboard/session' }, world.token(persona));
          expect({ persona, status: answer.status, cookie: answer.headers.get('set-cookie') }).toEqual({
            persona,
            status: persona === 'anonymous' ? 401 : 403,
            cookie: null,
          });
        }
        // Forged in-process for a coordinator's session (the endpoint would not issue one).
        const coordinator = (await world.freshSession('coordinator'))!;
        const claims = await dragnet.app.get(AuthService).verify(coordinator.token);
        const { token } = await dragnet.app.get(AuthService).scopedToken(claims, QUEUE_DASHBOARD_AUDIENCE, 60);
        const answer = await withCookie(`dragnet_queue_dashboard=${token}`);
        expect({ status: answer.status, problems: errorContractProblems(answer) }).toEqual({
          status: 403,
          problems: [],
        });
      });

      it('refuses an expired, forged or signed-out cookie (401)', async () => {
        const session = (await world.freshSession('admin'))!;
        const auth = dragnet.app.get(AuthService);
        const claims = await auth.verify(session.token);
        // A cookie never outlives its session: one asked for by a session ending in a second lasts a second.
        const { token: expiring } = await auth.scopedToken(
          { ...claims, exp: Math.floor(Date.now() / 1000) + 1 },
          QUEUE_DASHBOARD_AUDIENCE,
          15 * 60,
        );
        expect((await withCookie(`dragnet_queue_dashboard=${expiring}`)).status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 2100));
        const issued = await send(baseUrl, 'POST', { path: '/api/queue-dashboard/session' }, session.token);
        const { pair } = cookieOf(issued);
        const cookies = {
          expired: `dragnet_queue_dashboard=${expiring}`,
          forged: `${pair.slice(0, -4)}AAAA`,
          empty: 'dragnet_queue_dashboard=',
        };
        for (const [kind, cookie] of Object.entries(cookies)) {
          const answer = await withCookie(cookie);
          expect({ kind, status: answer.status, problems: errorContractProblems(answer) }).toEqual({
            kind,
            status: 401,
            problems: [],
          });
        }
        expect((await withCookie(pair)).status).toBe(200);
        await send(baseUrl, 'POST', { path: '/api/auth/logout' }, session.token).then((answer) =>
          expect(answer.status).toBe(204),
        );
        expect((await withCookie(pair)).status).toBe(401);
      });
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
