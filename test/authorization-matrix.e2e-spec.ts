import { AUTHORIZATION_MATRIX } from './support/authorization-matrix';
import { errorContractProblems, openApiOperations, send } from './support/matrix-client';
import { PERSONAS, SecurityWorld } from './support/security-world';
import { TestDragnet } from './support/test-dragnet';

describe('Authorization matrix over every endpoint of the OpenAPI document', () => {
  let dragnet: TestDragnet;
  let world: SecurityWorld;
  let baseUrl: string;
  let operations: string[];

  beforeAll(async () => {
    dragnet = await TestDragnet.start({
      LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '1000',
      LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '100000',
    });
    baseUrl = await dragnet.startAnotherApi();
    world = await SecurityWorld.build(dragnet);
    operations = openApiOperations((await dragnet.http.get('/api/docs-json').expect(200)).body);
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
});
