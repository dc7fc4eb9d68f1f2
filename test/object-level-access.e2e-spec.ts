import type { OpenApiDocument } from './support/openapi-arbitraries';
import { AUTHORIZATION_MATRIX } from './support/authorization-matrix';
import { changedTables, databaseSnapshot } from './support/database-snapshot';
import { errorContractProblems, openApiOperations, send } from './support/matrix-client';
import { HOME, SecurityWorld, startSecurityWorld } from './support/security-world';
import { TestDragnet } from './support/test-dragnet';

/**
 * Every id that belongs to Italy alone (an operation Greece does not take part in, with its status
 * roll-ups, reminders and exports; a nomination, an H2 lead, a task, a draft notice request, a warrant
 * of a nomination; the results export an Italian investigator requested in an operation Greece does
 * take part in), replayed on every endpoint with a path id by an investigator of a participating country (Greece) and of a non-participating one
 * (France): 404, or 403 where their role may never call the endpoint, and nothing changes.
 */
describe('Object-level access: other countries’ ids on every endpoint', () => {
  let dragnet: TestDragnet;
  let world: SecurityWorld;
  let baseUrl: string;
  let operations: string[];

  beforeAll(async () => {
    let document: OpenApiDocument;
    ({ dragnet, world, baseUrl, document } = await startSecurityWorld());
    operations = openApiOperations(document).filter((operation) => operation.includes('{'));
  }, 120_000);
  afterAll(() => dragnet.close());

  function foreignPath(template: string): string {
    const ids = world.privateIds;
    const root = template.split('/')[2];
    const id = {
      operations: ids.operationId,
      targets: ids.targetId,
      leads: ids.leadId,
      tasks: ids.taskId,
      requests: ids.requestId,
      exports: ids.exportId,
      networks: ids.networkId,
      links: ids.linkId,
      users: world.users.investigator.id,
    }[root];
    if (!id) throw new Error(`No private id for ${template}`);
    return template
      .replace('{id}', id)
      .replace('{warrantId}', ids.warrantId)
      .replace('{memberId}', ids.memberId)
      .replace('{country}', HOME)
      .replace('{userId}', world.users.observer.id);
  }

  it('answers 404 (or 403 by role) to Greece and France and changes nothing', async () => {
    expect(operations.length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const operation of operations) {
      const [method, template] = operation.split(' ');
      const entry = AUTHORIZATION_MATRIX[operation];
      const expected = entry.expect.investigator === 403 ? 403 : 404;
      for (const user of [world.users.neighbour, world.users.outsider]) {
        const valid = await entry.request(world, 'investigator');
        const request = { ...valid, path: foreignPath(template), token: user.token, stream: false };
        const before = await databaseSnapshot(dragnet.dataSource);
        const answer = await send(baseUrl, method, request, user.token);
        const changed = changedTables(before, await databaseSnapshot(dragnet.dataSource));
        const who = `${operation} as ${user.country}`;
        if (answer.status !== expected)
          problems.push(`${who}: ${answer.status} (expected ${expected}) ${answer.text.slice(0, 140)}`);
        if (changed.length > 0) problems.push(`${who}: changed ${changed.join(', ')}`);
        for (const problem of errorContractProblems(answer)) problems.push(`${who}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('still lets Italy itself reach the same records', async () => {
    const italian = world.users.investigator;
    for (const path of [
      `/api/operations/${world.privateIds.operationId}`,
      `/api/targets/${world.privateIds.targetId}`,
      `/api/leads/${world.privateIds.leadId}`,
      `/api/tasks/${world.privateIds.taskId}`,
      `/api/requests/${world.privateIds.requestId}`,
      `/api/operations/${world.privateIds.operationId}/status`,
      `/api/operations/${world.privateIds.operationId}/status/history`,
      `/api/exports/${world.privateIds.exportId}`,
      `/api/exports/${world.privateIds.exportId}/download`,
      `/api/networks/${world.privateIds.networkId}`,
      `/api/networks/${world.privateIds.networkId}/graph`,
    ])
      expect((await send(baseUrl, 'GET', { path }, italian.token)).status).toBe(200);
    // And Greece reads what is shared with it, so the 404s above are about ownership, not a broken setup.
    const shared = await send(baseUrl, 'GET', { path: `/api/targets/${world.targetId}` }, world.users.neighbour.token);
    expect(shared.status).toBe(200);
  });
});
