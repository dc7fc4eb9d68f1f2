import { Role } from '@dragnet/domain';
import { testQueueBackend } from './support/test-servers';
import { bearer, TestDragnet, TestUser } from './support/test-dragnet';

const expectContract = (body: Record<string, unknown>, statusCode: number) => {
  expect(body).toEqual(
    expect.objectContaining({
      statusCode,
      error: expect.any(String),
      message: expect.any(String),
      requestId: expect.any(String),
    }),
  );
  expect(
    Object.keys(body).every((key) => ['statusCode', 'error', 'message', 'details', 'requestId'].includes(key)),
  ).toBe(true);
};

describe('HTTP contract: errors, limits, headers, health and API docs', () => {
  let dragnet: TestDragnet;
  let coordinator: TestUser;

  beforeAll(async () => {
    dragnet = await TestDragnet.start({ BODY_LIMIT: '10kb' });
    coordinator = await dragnet.user(Role.Coordinator);
  });
  afterAll(() => dragnet.close());

  it('answers malformed JSON with 400 in the error contract, without parser internals', async () => {
    const response = await dragnet.http
      .post('/api/operations')
      .set(bearer(coordinator))
      .set('Content-Type', 'application/json')
      .send('{"code": "X-1", "name": ')
      .expect(400);
    expectContract(response.body, 400);
    expect(response.body.message).toBe('Request body is not valid JSON');
    expect(JSON.stringify(response.body)).not.toMatch(/at \w+ \(|SyntaxError|node_modules/);
  });

  it('answers an oversized body with 413', async () => {
    const response = await dragnet.http
      .post('/api/operations')
      .set(bearer(coordinator))
      .send({ code: 'BIG-1', name: 'x', description: 'x'.repeat(20_000) })
      .expect(413);
    expectContract(response.body, 413);
  });

  it('answers wrong types and unknown fields with 400 naming each field', async () => {
    const response = await dragnet.http
      .post('/api/operations')
      .set(bearer(coordinator))
      .send({ code: 42, name: ['x'], status: 'closed', id: 'x' })
      .expect(400);
    expectContract(response.body, 400);
    const fields = response.body.details.map((detail: { field: string }) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'name', 'status', 'id']));
    expect(response.body.details).toContainEqual({ field: 'status', message: 'property status should not exist' });
    const count = await dragnet.dataSource.query(`SELECT count(*)::int AS count FROM operations`);
    expect(count[0].count).toBe(0);
  });

  it('answers a missing required field with one message: "<field> is required"', async () => {
    const response = await dragnet.http
      .post('/api/operations')
      .set(bearer(coordinator))
      .send({ name: 'No code' })
      .expect(400);
    expectContract(response.body, 400);
    expect(response.body.details.filter((detail: { field: string }) => detail.field === 'code')).toEqual([
      { field: 'code', message: 'code is required' },
    ]);
  });

  it('answers a JSON array or a scalar body with 400', async () => {
    await dragnet.http
      .post('/api/operations')
      .set(bearer(coordinator))
      .send([{ code: 'A-1', name: 'x' }])
      .expect(400);
    await dragnet.http
      .post('/api/operations')
      .set(bearer(coordinator))
      .set('Content-Type', 'application/json')
      .send('"text"')
      .expect(400);
  });

  it('answers unknown routes with 404 in the contract', async () => {
    const response = await dragnet.http.get('/api/nothing-here').set(bearer(coordinator)).expect(404);
    expectContract(response.body, 404);
  });

  it('echoes a well-formed request id and makes one otherwise', async () => {
    const echoed = await dragnet.http
      .get('/api/me')
      .set(bearer(coordinator))
      .set('X-Request-Id', 'trace-123')
      .expect(200);
    expect(echoed.headers['x-request-id']).toBe('trace-123');
    const replaced = await dragnet.http.get('/api/me').set('X-Request-Id', 'bad id with spaces $$').expect(401);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(replaced.body.requestId).toBe(replaced.headers['x-request-id']);
  });

  it('sends security headers on every response', async () => {
    const response = await dragnet.http.get('/api/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['strict-transport-security']).toContain('max-age=');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('reports Postgres (and Redis when the queues use it) as up without a token, and names the mode', async () => {
    const response = await dragnet.http.get('/api/health').expect(200);
    const queues = testQueueBackend();
    expect(response.body.info).toMatchObject({
      postgres: { status: 'up' },
      mode: { status: 'up', database: 'external', queues },
      ...(queues === 'redis' ? { redis: { status: 'up' } } : {}),
    });
    if (queues === 'postgres') expect(response.body.info.redis).toBeUndefined();
  });

  it('publishes an OpenAPI document covering every route, with bearer auth and the error contract', async () => {
    const response = await dragnet.http.get('/api/docs-json').expect(200);
    const document = response.body;
    const routes = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'GET /api/me',
        'POST /api/users',
        'GET /api/users',
        'PATCH /api/users/{id}',
        'POST /api/operations',
        'GET /api/operations',
        'GET /api/operations/{id}',
        'PATCH /api/operations/{id}',
        'POST /api/operations/{id}/status',
        'POST /api/operations/{id}/participants',
        'GET /api/operations/{id}/participants',
        'PATCH /api/operations/{id}/participants/{country}',
        'DELETE /api/operations/{id}/participants/{country}',
        'POST /api/operations/{id}/members',
        'GET /api/operations/{id}/members',
        'DELETE /api/operations/{id}/members/{userId}',
        'GET /api/health',
      ]),
    );
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.schemas.ErrorBodyDto.required).toEqual(
      expect.arrayContaining(['statusCode', 'error', 'message', 'requestId']),
    );
    expect(document.components.schemas.CreateOperationDto.required).toEqual(expect.arrayContaining(['code', 'name']));
    expect(document.components.schemas.CreateParticipantDto.properties.focalPointEmails).toBeDefined();
    for (const [route, operation] of Object.entries(
      document.paths['/api/operations/{id}'] as Record<string, { responses: Record<string, unknown> }>,
    )) {
      expect([route, Object.keys(operation.responses)]).toEqual([route, expect.arrayContaining(['401', '404'])]);
    }
    const ui = await dragnet.http.get('/api/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });
});

// REDIS_URL set but nothing answers: Dragnet says so and never moves the queues to Postgres instead.
describe('Health when Redis is down', () => {
  let dragnet: TestDragnet;
  beforeAll(async () => {
    dragnet = await TestDragnet.start({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => dragnet.close());

  it('answers 503 and names Redis as down', async () => {
    const response = await dragnet.http.get('/api/health').expect(503);
    expect(JSON.stringify(response.body)).toContain('redis');
  });
});
