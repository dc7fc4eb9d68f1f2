import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { databaseRows, rowChanges } from './support/database-snapshot';
import { type Answer, errorContractProblems, send } from './support/matrix-client';
import {
  edgeQueryValue,
  invalidQueryValue,
  objectFor,
  resolve,
  type OpenApiDocument,
  type OpenApiOperation,
} from './support/openapi-arbitraries';
import { AUTHORIZATION_MATRIX, type MatrixRequest } from './support/authorization-matrix';
import { PERSONAS, SecurityWorld, type Persona, startSecurityWorld } from './support/security-world';
import { MAX_BODY_DEPTH, MAX_BODY_KEYS } from '@dragnet/platform';
import { TestDragnet } from './support/test-dragnet';

/**
 * How many generated bad requests to send: `FUZZ_REQUESTS` (2,000 by default, which a busy CI machine
 * sends in a few minutes; 10,000 for a deep run). The test's time limit grows with it, because a busy
 * machine answers slower, not worse: what is judged is each answer and the database, never the speed.
 */
const REQUESTS = fuzzRequests(process.env.FUZZ_REQUESTS);
const BATCH = 20;
/** Room per request on a loaded machine (measured: 10,000 took ~400 s at load average 6 on 2 CPUs). */
const MS_PER_REQUEST = 150;
const SEED = Number(process.env.FUZZ_SEED ?? 20160509);
/** The run's figures (requests, statuses, 5xx, rows changed) land here as well as in the log. */
const FIGURES = join(process.cwd(), '.test-results', 'fuzz.json');
const PUBLIC = new Set(['POST /api/auth/login', 'GET /api/health']);

function fuzzRequests(value: string | undefined): number {
  if (value === undefined || value === '') return 2_000;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new Error(`FUZZ_REQUESTS must be a positive integer, not ${value}`);
  return count;
}

/** Merges one test's figures into .test-results/fuzz.json. */
function recordFigures(name: string, figures: Record<string, unknown>): void {
  mkdirSync(join(process.cwd(), '.test-results'), { recursive: true });
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(FIGURES, 'utf8')) as Record<string, unknown>;
  } catch {
    // first figures of this run
  }
  writeFileSync(FIGURES, `${JSON.stringify({ ...all, [name]: figures }, null, 2)}\n`);
}

/** Field names a client must never set, tried as unknown fields wherever the schema lacks them. */
const PRIVILEGED = [
  'id',
  'role',
  'country',
  'status',
  'version',
  'operationId',
  'createdAt',
  'passwordHash',
  'isAdmin',
  '__proto__',
  'constructor',
];

interface Generated {
  operation: string;
  persona: Persona;
  mutation: string;
  request: MatrixRequest;
  method: string;
}

/**
 * Property-based bad input, derived from the OpenAPI document: every request carries at least one
 * defect the API must refuse (a bad token, a malformed path id, an unknown or privileged body field, a
 * non-object or malformed body, a query value outside its schema, a wrong content type), with random,
 * often hostile values everywhere else. No answer may be 5xx or 2xx; every answer follows the error
 * contract; the database is the same afterwards.
 */
describe('Generated bad input against every endpoint', () => {
  let dragnet: TestDragnet;
  let world: SecurityWorld;
  let baseUrl: string;
  let document: OpenApiDocument;

  beforeAll(async () => {
    ({ dragnet, world, baseUrl, document } = await startSecurityWorld());
  }, 120_000);
  afterAll(() => dragnet.close());

  /** A valid id for each path parameter, so the defect under test is the only one. */
  function validPath(template: string): string {
    const root = template.split('/')[2];
    const id =
      {
        operations: world.operationId,
        targets: world.targetId,
        leads: world.leadId,
        tasks: world.taskId,
        requests: world.requestId,
        exports: world.coordinatorExportId,
        networks: world.networkId,
        links: world.linkId,
        users: world.users.observer.id,
      }[root] ?? world.operationId;
    return template
      .replace('{id}', id)
      .replace('{warrantId}', world.warrantId)
      .replace('{memberId}', world.memberId)
      .replace('{country}', 'GR')
      .replace('{userId}', world.users.observer.id);
  }

  function requestArbitrary(key: string, operation: OpenApiOperation): fc.Arbitrary<Generated> {
    const [method, template] = key.split(' ');
    const parameters = operation.parameters ?? [];
    const pathParameters = parameters.filter((parameter) => parameter.in === 'path');
    const jsonSchema = operation.requestBody?.content['application/json']?.schema;
    const csv = operation.requestBody?.content['text/csv'] !== undefined;
    // Mostly personas the matrix lets through, so the defect meets validation rather than the role check.
    const allowed = PERSONAS.filter(
      (name) => name !== 'anonymous' && (AUTHORIZATION_MATRIX[key]?.expect[name] ?? 0) < 300,
    );
    const signedIn = PERSONAS.filter((name) => name !== 'anonymous');
    const persona = allowed.length
      ? fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...allowed) },
          { weight: 1, arbitrary: fc.constantFrom(...signedIn) },
        )
      : fc.constantFrom(...signedIn);
    const base = (mutation: string, request: fc.Arbitrary<MatrixRequest>) =>
      fc.record({
        operation: fc.constant(key),
        persona,
        mutation: fc.constant(mutation),
        request,
        method: fc.constant(method),
      });
    const body = jsonSchema ? objectFor(document, jsonSchema) : fc.constant(undefined);
    const options: fc.Arbitrary<Generated>[] = [];

    if (!PUBLIC.has(key))
      options.push(
        base(
          'bad token',
          fc.record({
            path: fc.constant(validPath(template)),
            body,
            token: fc.oneof(
              fc.constant(null),
              fc.string({ minLength: 1, maxLength: 40 }).filter((value) => /^[\x21-\x7e]+$/.test(value)),
              fc.constant('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'),
              fc.constant(world.users.coordinator.token.slice(0, -3) + 'abc'),
            ),
          }),
        ),
      );

    for (const parameter of pathParameters)
      options.push(
        base(
          `bad path ${parameter.name}`,
          fc
            .oneof(
              fc.string({ minLength: 1, maxLength: 60 }),
              fc.constantFrom('0', 'null', '../users', 'ZZZ', '1;DROP', '%', '😀'),
            )
            .filter(
              (value) =>
                !/^[0-9a-f-]{36}$/i.test(value) &&
                !/^[A-Za-z]{2}$/.test(value) &&
                value.trim() !== '' &&
                value !== '.' &&
                value !== '..',
            )
            .chain((value) =>
              fc.record({
                path: fc.constant(validPath(template.replace(`{${parameter.name}}`, encodeURIComponent(value)))),
                body,
              }),
            ),
        ),
      );

    if (jsonSchema) {
      const declared = Object.keys(resolve(document, jsonSchema).properties ?? {});
      const unknown = fc.oneof(
        fc.constantFrom(...PRIVILEGED.filter((name) => !declared.includes(name))),
        fc.string({ minLength: 1, maxLength: 12 }).filter((name) => !declared.includes(name) && name !== '__proto__'),
      );
      options.push(
        base(
          'unknown field',
          fc.record({
            path: fc.constant(validPath(template)),
            body: fc.tuple(body, unknown, fc.jsonValue()).map(([object, name, value]) => {
              const withField = { ...object };
              Object.defineProperty(withField, name, {
                value: value ?? 'x',
                enumerable: true,
                configurable: true,
                writable: true,
              });
              return withField;
            }),
          }),
        ),
        base(
          'not an object',
          fc.record({
            path: fc.constant(validPath(template)),
            body: fc.oneof(
              fc.constant('{"unterminated": '),
              fc.constant('null'),
              fc.constant('[]'),
              fc.constant('"a string"'),
              fc.integer().map(String),
              fc.array(fc.jsonValue(), { minLength: 1, maxLength: 3 }).map((value) => JSON.stringify(value)),
              // An empty body reads as {} (valid where every field is optional), so it is not a defect.
              fc.string({ maxLength: 30 }).filter((text) => {
                if (text.trim() === '') return false;
                try {
                  JSON.parse(text);
                  return false;
                } catch {
                  return true;
                }
              }),
            ),
          }),
        ),
      );
    }

    if (jsonSchema)
      options.push(
        base(
          'too deep',
          fc.record({
            path: fc.constant(validPath(template)),
            // Nested arrays or objects past the limit, alone or inside an otherwise valid body.
            body: fc
              .tuple(body, fc.integer({ min: MAX_BODY_DEPTH + 1, max: 20_000 }), fc.boolean(), fc.boolean())
              .map(([object, depth, asArrays, inField]) => {
                const deep = asArrays
                  ? `${'['.repeat(depth)}${']'.repeat(depth)}`
                  : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
                return inField
                  ? `${JSON.stringify({ ...object }).slice(0, -1)}${Object.keys(object ?? {}).length ? ',' : ''}"nested":${deep}}`
                  : deep;
              }),
          }),
        ),
        base(
          'too wide',
          fc.record({
            path: fc.constant(validPath(template)),
            body: fc
              .tuple(fc.integer({ min: MAX_BODY_KEYS + 1, max: MAX_BODY_KEYS + 500 }), fc.boolean())
              .map(([count, asArray]) =>
                asArray
                  ? `{"items":[${'0,'.repeat(count - 1)}0]}`
                  : `{${Array.from({ length: count }, (_, index) => `"k${index}":0`).join(',')}}`,
              ),
          }),
        ),
      );

    if (csv)
      options.push(
        base(
          'wrong content type',
          fc.record({
            path: fc.constant(validPath(template)),
            raw: fc.record({
              contentType: fc.constantFrom(
                'application/json',
                'text/plain',
                'application/octet-stream',
                'text/csv; charset=latin1',
              ),
              text: fc.string({ maxLength: 200 }),
            }),
          }),
        ),
      );

    for (const parameter of parameters.filter((candidate) => candidate.in === 'query')) {
      const invalid = invalidQueryValue(document, parameter);
      if (invalid)
        options.push(
          base(
            `bad query ${parameter.name}`,
            fc.record({
              path: fc.constant(validPath(template)),
              query: invalid.map((value) => ({ [parameter.name]: value })),
              stream: fc.constant(false),
            }),
          ),
        );
    }
    return options.length ? fc.oneof(...options) : fc.constant(null as unknown as Generated).filter(() => false);
  }

  it(
    `answers ${REQUESTS.toLocaleString('en')} generated bad requests with 4xx in the error contract and changes nothing`,
    async () => {
      const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => [`${method.toUpperCase()} ${path}`, operation] as const),
      );
      const fuzzable = operations.filter(([key, operation]) => !(key === 'GET /api/health') && operation);
      const perOperation = fuzzable.map(([key, operation]) => requestArbitrary(key, operation));
      const arbitrary = fc.oneof(...perOperation);

      const before = await databaseRows(dragnet.dataSource);
      const statuses = new Map<number, number>();
      const covered = new Set<string>();
      const failures: string[] = [];
      let sent = 0;
      let serverErrors = 0;
      let accepted = 0;
      let contractViolations = 0;
      // A connection reset before any answer (a keep-alive socket closed as it was reused, which a
      // starved event loop makes likely: server and client share this process) is not an answer: the
      // request is sent once more on a new connection, and counted.
      let resets = 0;
      let unanswered = 0;
      const started = Date.now();

      const sendWithRetry = async (generated: Generated): Promise<Answer | undefined> => {
        const once = () => send(baseUrl, generated.method, generated.request, world.token(generated.persona));
        try {
          return await once();
        } catch {
          resets += 1;
        }
        try {
          return await once();
        } catch (error) {
          unanswered += 1;
          if (failures.length < 10)
            failures.push(`${generated.operation} (${generated.mutation}) got no answer twice: ${String(error)}`);
          return undefined;
        }
      };

      // Every answer is judged and counted; a bad one is kept (with the request) rather than thrown, so
      // the figures cover the whole run even when it fails.
      const sendBatch = async (batch: Generated[]) => {
        const answers = await Promise.all(batch.map(sendWithRetry));
        answers.forEach((answer, index) => {
          sent += 1;
          if (!answer) return;
          covered.add(batch[index].operation);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const problems = errorContractProblems(answer);
          if (answer.status >= 500) serverErrors += 1;
          if (answer.status < 400) accepted += 1;
          if (problems.length > 0) contractViolations += 1;
          if ((answer.status < 400 || answer.status >= 500 || problems.length > 0) && failures.length < 10)
            failures.push(
              `${batch[index].operation} as ${batch[index].persona} (${batch[index].mutation}) ${JSON.stringify(batch[index].request).slice(0, 300)} answered ${answer.status}: ${problems.join('; ')} ${answer.text.slice(0, 300)}`,
            );
        });
      };

      // One request per operation first, so that every operation is covered whatever FUZZ_REQUESTS is.
      const sweep = perOperation.map(
        (operationArbitrary) => fc.sample(operationArbitrary, { numRuns: 1, seed: SEED })[0],
      );
      // The figures are written whatever happens, so a broken run still says how far it got.
      let runError: unknown;
      try {
        for (let index = 0; index < sweep.length; index += BATCH) await sendBatch(sweep.slice(index, index + BATCH));
        const runs = Math.max(0, Math.ceil((REQUESTS - sent) / BATCH));
        if (runs > 0)
          await fc.assert(fc.asyncProperty(fc.array(arbitrary, { minLength: BATCH, maxLength: BATCH }), sendBatch), {
            numRuns: runs,
            seed: SEED,
          });
      } catch (error) {
        runError = error;
      }
      const elapsed = Date.now() - started;
      const changes = rowChanges(before, await databaseRows(dragnet.dataSource));
      const figures = {
        command: `FUZZ_REQUESTS=${REQUESTS} FUZZ_SEED=${SEED} npm test -- test/fuzz.e2e-spec.ts`,
        requests: sent,
        operations: covered.size,
        elapsedMs: elapsed,
        statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
        serverErrors,
        accepted,
        contractViolations,
        connectionResets: resets,
        unanswered,
        rowsChanged: changes.changed,
        rowsAdded: changes.added,
        rowsRemoved: changes.removed,
        tablesChanged: changes.tables,
      };
      recordFigures('badRequests', figures);
      console.log(
        `fuzz: ${sent} requests over ${covered.size} operations in ${elapsed} ms; 5xx ${serverErrors}; 2xx/3xx ${accepted}; ` +
          `outside the error contract ${contractViolations}; connection resets ${resets} (unanswered after a retry ${unanswered}); ` +
          `rows changed ${changes.changed}; statuses ${JSON.stringify(figures.statuses)}`,
      );
      if (runError) throw runError;
      expect(failures).toEqual([]);
      expect({ serverErrors, accepted, contractViolations }).toEqual({
        serverErrors: 0,
        accepted: 0,
        contractViolations: 0,
      });
      expect(sent).toBeGreaterThanOrEqual(REQUESTS);
      expect(covered.size).toBe(fuzzable.length);
      expect(changes).toEqual({ added: 0, removed: 0, changed: 0, tables: {} });
    },
    120_000 + REQUESTS * MS_PER_REQUEST,
  );

  it('refuses a body nested 20,000 levels deep or wider than the key limit with 400 on every JSON route, token or not', async () => {
    const routes = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => operation?.requestBody?.content['application/json'])
        .map(([method]) => ({ method: method.toUpperCase(), path: validPath(path) })),
    );
    expect(routes.length).toBeGreaterThan(10);
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const wide = `{${Array.from({ length: MAX_BODY_KEYS + 1 }, (_, index) => `"k${index}":0`).join(',')}}`;
    const before = await databaseRows(dragnet.dataSource);
    let sent = 0;
    for (const { method, path } of routes)
      for (const [body, message] of [
        [deep, `Request body is nested more than ${MAX_BODY_DEPTH} levels deep`],
        [wide, `Request body has an object or array with more than ${MAX_BODY_KEYS} entries`],
      ]) {
        const answer = await send(baseUrl, method, { path, body }, null);
        sent += 1;
        expect({ route: `${method} ${path}`, status: answer.status, problems: errorContractProblems(answer) }).toEqual({
          route: `${method} ${path}`,
          status: 400,
          problems: [],
        });
        expect((answer.body as { message: string }).message).toBe(message);
      }
    const changes = rowChanges(before, await databaseRows(dragnet.dataSource));
    recordFigures('deepAndWideBodies', { requests: sent, serverErrors: 0, rowsChanged: changes.changed });
    expect(changes).toEqual({ added: 0, removed: 0, changed: 0, tables: {} });
  }, 300_000);

  it('answers edge query values (number and date extremes, hostile strings) on every read with a query without a 5xx', async () => {
    // Valid or not, these meet the domain's queries: Postgres' ranges (bigint, timestamptz) must not
    // turn them into 500s. Reads are audited, so the database may change here.
    const readers = Object.entries(document.paths).flatMap(([template, methods]) => {
      const operation = methods.get;
      if (!operation) return [];
      const query = (operation?.parameters ?? []).filter((parameter) => parameter.in === 'query');
      const key = `GET ${template}`;
      const personas = PERSONAS.filter((name) => name !== 'anonymous' && AUTHORIZATION_MATRIX[key].expect[name] < 300);
      if (!query.length || !personas.length) return [];
      return [
        fc.record({
          operation: fc.constant(key),
          persona: fc.constantFrom(...personas),
          // Mostly one parameter alone, so an edge value that passes validation reaches the query.
          query: fc.oneof(
            {
              weight: 3,
              arbitrary: fc
                .constantFrom(...query)
                .chain((parameter) => fc.record({ [parameter.name]: edgeQueryValue(document, parameter) })),
            },
            {
              weight: 1,
              arbitrary: fc.record(
                Object.fromEntries(query.map((parameter) => [parameter.name, edgeQueryValue(document, parameter)])),
                { requiredKeys: [] },
              ),
            },
          ),
          path: fc.constant(validPath(template)),
        }),
      ];
    });
    expect(readers.length).toBeGreaterThanOrEqual(10);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(...readers), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const answers = await Promise.all(
          batch.map(({ path, query, persona }) =>
            send(baseUrl, 'GET', { path, query: query as Record<string, string>, stream: true }, world.token(persona)),
          ),
        );
        answers.forEach((answer, index) => {
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const problems = answer.status >= 400 ? errorContractProblems(answer) : [];
          if (answer.status >= 500 || problems.length > 0)
            throw new Error(
              `${batch[index].operation} as ${batch[index].persona} ${JSON.stringify(batch[index].query)} answered ${answer.status}: ${problems.join('; ')} ${answer.text.slice(0, 300)}`,
            );
        });
      }),
      { numRuns: 100, seed: SEED, endOnFailure: true },
    );
    const sent = [...statuses.values()].reduce((sum, count) => sum + count, 0);
    const serverErrors = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, count]) => sum + count, 0);
    recordFigures('edgeQueries', {
      requests: sent,
      statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
      serverErrors,
    });
    console.log(
      `edge queries: ${sent} requests, 5xx ${serverErrors}; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
  }, 300_000);
});
