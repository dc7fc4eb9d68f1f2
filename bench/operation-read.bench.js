#!/usr/bin/env node
'use strict';
/**
 * Benchmark: authenticated GET /api/operations/:id as an investigator (JWT check, user reload with its
 * token generation and revocation, need-to-know query), Dragnet API vs a minimal node:http + pg server
 * that sends the same statements (checked: both sides' SQL is captured for one request and must be
 * identical). Measured at 10 and at 50 connections; prints req/s, p50 and p99 for both and the ratio
 * Dragnet / baseline. Goal: req/s ratio at least 0.7 at both.
 *
 *   npm run bench:operation-read [-- --no-build --duration 10 --warmup 2 --operations 500 --rounds 3 --profile --smoke]
 *
 * --rounds: each side measured in turn this many times; the median run counts (default 3).
 * --smoke: 50 operations, one round of 2 s of load per side: checks the answers and the statements, not the goal.
 * --profile: CPU-profiles the Dragnet API during its measured runs and prints where the time goes.
 * --ceiling: also measures a bare NestJS app (no guards, pipes or middleware) sending the same statements,
 *   on Express and, when @nestjs/platform-fastify can be loaded (from CEILING_DEPS or the repository),
 *   on Fastify: how close to the raw server the framework alone can get (bench/lib/framework-ceiling.js).
 * Needs Postgres (trust auth) and Redis; override with BENCH_PG_URL / REDIS_URL.
 * Exits non-zero if anything fails, a response is not the expected body, the statements drift, or
 * (not in smoke mode) the goal is missed.
 */
const crypto = require('node:crypto');
const http = require('node:http');
const os = require('node:os');
const {
  log,
  ensureBuilt,
  call,
  startDragnet,
  startBaselineServer,
  assertSameStatements,
  parseOptions,
  loadTest,
  formatTable,
  reportLoadRatios,
  cleanupOnExit,
  summariseCpuProfile,
  withClient,
  processCpuMs,
} = require('./lib/harness');

const DB_NAME = 'dragnet_bench';
const POOL_SIZE = 20; // Dragnet's pool size (libs/platform/src/database/data-source-options.ts)
/** Load levels (connections) measured; smoke runs measure only the first. */
const CONNECTIONS = [10, 50];
const MIN_RATIO = 0.7;

// The statements Dragnet sends for this request; the bench checks they are still the same.
// AuthService.authenticate: active user, current token generation, token not revoked.
const USER_SQL = `SELECT id, role, country FROM users
        WHERE id = $1 AND active AND token_generation = $2
          AND NOT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = $3)`;
// OperationAccess.loadVisible for an investigator.
const OPERATION_COLUMNS = [
  ['id', 'id'],
  ['code', 'code'],
  ['name', 'name'],
  ['crime_focus', 'crimeFocus'],
  ['description', 'description'],
  ['nomination_opens_on', 'nominationOpensOn'],
  ['operational_start', 'operationalStart'],
  ['operational_end', 'operationalEnd'],
  ['status', 'status'],
  ['investigator_exports_allowed', 'investigatorExportsAllowed'],
  ['created_by', 'createdBy'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
  ['version', 'version'],
];
const OPERATION_SQL =
  `SELECT ${OPERATION_COLUMNS.map(([column]) => `"operation"."${column}" AS "operation_${column}"`).join(', ')} ` +
  'FROM "operations" "operation" WHERE EXISTS (SELECT 1 FROM participants visible_p WHERE visible_p.operation_id = "operation"."id" ' +
  'AND visible_p.country = $1) AND "operation"."id" = $2';

// ---------------------------------------------------------------------------------------------
// Baseline server. Runs in its own process (this file forked with --baseline-server) so that it
// does not share an event loop with autocannon, just as the Dragnet API does not.
// ---------------------------------------------------------------------------------------------

function runBaselineServer(platform = null) {
  const pg = require('pg');
  const secret = Buffer.from(process.env.JWT_SECRET, 'utf8');
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const ROUTE = /^\/api\/operations\/([^/?]+)$/;
  // Dates as 'YYYY-MM-DD' strings, as TypeORM returns `date` columns.
  const types = { getTypeParser: (oid, format) => (oid === 1082 ? (v) => v : pg.types.getTypeParser(oid, format)) };
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: POOL_SIZE,
    statement_timeout: 30_000,
    connectionTimeoutMillis: 10_000,
    types,
  });

  /** HS256 JWT check as jsonwebtoken does it for Dragnet: algorithm, signature, expiry, claims. */
  function verifyJwt(token) {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    try {
      const header = JSON.parse(Buffer.from(parts[0], 'base64url'));
      if (header.alg !== 'HS256') return null;
      const expected = crypto.createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
      const given = Buffer.from(parts[2], 'base64url');
      if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url'));
      if (typeof claims.exp === 'number' && claims.exp <= Math.floor(Date.now() / 1000)) return null;
      return UUID.test(claims.sub) && Number.isInteger(claims.gen) && UUID.test(claims.jti) ? claims : null;
    } catch {
      return null;
    }
  }

  const send = (res, status, body) => {
    const json = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(json),
    });
    res.end(json);
  };

  /** The token and the user behind it: the user row, { status } for a refusal, or null (401). */
  async function authenticate(authorization) {
    const [scheme, token] = (authorization || '').split(' ');
    const claims = scheme && scheme.toLowerCase() === 'bearer' && token ? verifyJwt(token) : null;
    if (!claims) return null;
    // Reloaded per request, like Dragnet's AuthGuard, so deactivation and logout take effect at once.
    const { rows: users } = await pool.query(USER_SQL, [claims.sub, claims.gen, claims.jti]);
    const user = users[0];
    if (!user) return null;
    // Only the investigator path is benchmarked; other roles are out of scope for this baseline.
    if (user.role !== 'investigator') return { status: 403, error: 'forbidden' };
    return user;
  }

  /** { body } of the visible operation, or { status } (400 bad id, 404 not visible). */
  async function loadOperation(user, id) {
    if (!UUID.test(id)) return { status: 400 };
    const { rows } = await pool.query(OPERATION_SQL, [user.country, id]);
    const row = rows[0];
    if (!row) return { status: 404 };
    // Same fields, same order as the Operation entity, so the JSON body is byte-identical.
    return {
      body: Object.fromEntries(OPERATION_COLUMNS.map(([column, field]) => [field, row[`operation_${column}`]])),
    };
  }

  // --ceiling: a bare Nest app around the same two steps (bench/lib/framework-ceiling.js).
  if (platform)
    return require('./lib/framework-ceiling').runNestServer(platform, { pool, authenticate, loadOperation });

  async function handle(req, res) {
    const match = req.method === 'GET' && ROUTE.exec(req.url);
    if (!match) return send(res, 404, { statusCode: 404, error: 'not_found' });
    const user = await authenticate(req.headers.authorization);
    if (!user) return send(res, 401, { statusCode: 401, error: 'unauthorized' });
    if (user.status) return send(res, user.status, { statusCode: user.status, error: user.error });
    const operation = await loadOperation(user, match[1]);
    if (operation.status === 400) return send(res, 400, { statusCode: 400, error: 'invalid_input' });
    if (operation.status === 404) return send(res, 404, { statusCode: 404, error: 'not_found' });
    send(res, 200, operation.body);
  }

  let inFlight = 0;
  let onIdle = null;
  const server = http.createServer((req, res) => {
    inFlight++;
    handle(req, res)
      .catch((error) => {
        console.error('[baseline]', error);
        if (!res.headersSent) send(res, 500, { statusCode: 500, error: 'internal' });
      })
      .finally(() => {
        if (--inFlight === 0 && onIdle) onIdle();
      });
  });
  server.keepAliveTimeout = 5_000; // Express/Node default, as in Dragnet
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  // Stop cleanly on SIGTERM from the parent, or if the parent goes away: autocannon may leave
  // requests in flight, so let them finish before closing the pool.
  const shutdown = () => {
    server.close();
    server.closeIdleConnections();
    onIdle = () => pool.end().finally(() => process.exit(0));
    if (inFlight === 0) onIdle();
  };
  process.once('SIGTERM', shutdown);
  process.once('disconnect', shutdown);
}

// ---------------------------------------------------------------------------------------------
// Orchestration
// ---------------------------------------------------------------------------------------------

/** Creates the fixture through the public API (as a user would) plus bulk rows through SQL. */
async function seed(base, adminAccount, databaseUrl, seedOperations) {
  const admin = (await call(base, 'POST', '/auth/login', { body: adminAccount })).json.accessToken;
  const investigator = { email: 'rossi@ncb-rome.example', password: 'blue-harbour-lantern-42' };
  const coordinator = { email: 'dubois@lyon.example', password: 'quiet-granite-orchard-7' };
  await call(base, 'POST', '/users', {
    token: admin,
    body: { ...investigator, displayName: 'Investigator Rossi', role: 'investigator', country: 'IT' },
  });
  const coordinatorUser = (
    await call(base, 'POST', '/users', {
      token: admin,
      body: { ...coordinator, displayName: 'Coordinator Dubois', role: 'coordinator' },
    })
  ).json;
  const coord = (await call(base, 'POST', '/auth/login', { body: coordinator })).json.accessToken;
  const operation = (
    await call(base, 'POST', '/operations', { token: coord, body: { code: 'HYDRA-2016', name: 'Operation Hydra' } })
  ).json;
  await call(base, 'POST', `/operations/${operation.id}/participants`, {
    token: coord,
    body: { country: 'IT', roles: ['transit'], ncbName: 'NCB Rome', focalPointEmails: ['fp@example.org'] },
  });

  // More operations, each with some of 8 countries taking part, so the index and the EXISTS
  // sub-query work on a non-trivial table.
  const hiddenId = await withClient(databaseUrl, async (client) => {
    await client.query(
      `INSERT INTO operations (code, name, status, created_by)
       SELECT format('SEED-%s', lpad(g::text, 6, '0')), 'Seed operation ' || g,
              (ARRAY['planning','nomination','active','follow_up','closed']::operation_status[])[1 + g % 5], $2
         FROM generate_series(1, $1::int) g`,
      [seedOperations, coordinatorUser.id],
    );
    await client.query(
      `INSERT INTO participants (operation_id, country, roles, ncb_name, focal_point_emails)
       SELECT o.id, c.country, '{destination}', 'NCB ' || c.country, ARRAY['fp-' || lower(c.country) || '@example.org']
         FROM operations o
        CROSS JOIN unnest(ARRAY['IT','FR','DE','ES','NL','PL','GR','PT']) AS c(country)
        WHERE o.code LIKE 'SEED-%' AND abs(hashtext(o.code || c.country)) % 3 = 0`,
    );
    await client.query('ANALYZE');
    const counts = await client.query(
      'SELECT (SELECT count(*) FROM operations) AS operations, (SELECT count(*) FROM participants) AS participants',
    );
    log(`seeded ${counts.rows[0].operations} operations, ${counts.rows[0].participants} participants`);
    // One that Italy does not take part in: the investigator must get 404 for it.
    const hidden = await client.query(
      `SELECT id FROM operations o
        WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.operation_id = o.id AND p.country = 'IT') LIMIT 1`,
    );
    return hidden.rows[0].id;
  });

  const token = (await call(base, 'POST', '/auth/login', { body: investigator })).json.accessToken;
  return { token, operationId: operation.id, hiddenId };
}

/** One measured run: autocannon's figures and the server process's CPU per request (from /proc). */
async function measure(name, server, url, token, options, connections, expectBody) {
  const run = (duration) =>
    loadTest({ url, connections, duration, headers: { authorization: `Bearer ${token}` }, expectBody });
  log(`${name}: warm-up ${options.warmup} s, then ${options.duration} s with ${connections} connections`);
  await run(options.warmup);
  const before = processCpuMs(server.child.pid);
  const result = await run(options.duration);
  const cpuPerRequest = (processCpuMs(server.child.pid) - before) / Math.max(1, result.total);
  return { name, connections, cpuPerRequest, ...result };
}

/** The run of each round with the median req/s: the machine is shared, so one run can be an outlier. */
function medianRuns(runs) {
  const keys = [...new Set(runs.map((r) => `${r.name}/${r.connections}`))];
  return keys.map((key) => {
    const mine = runs.filter((r) => `${r.name}/${r.connections}` === key).sort((a, b) => a.rps - b.rps);
    return { ...mine[Math.floor(mine.length / 2)], rounds: mine.map((r) => r.rps.toFixed(0)).join(' ') };
  });
}

function printReport(rows, options) {
  console.log('');
  console.log(
    `GET /api/operations/:id as investigator — ${options.duration} s after ${options.warmup} s warm-up, ` +
      `${options.operations} seeded operations, ${options.rounds} rounds (each side in turn), pg pool ${POOL_SIZE}, node ${process.version}, ${os.availableParallelism()} CPUs`,
  );
  console.log(
    formatTable(
      [
        'target',
        'connections',
        'req/s (median)',
        'req/s per round',
        'server CPU ms/req',
        'p50 ms',
        'p99 ms',
        'requests',
        'errors',
        'non-2xx',
        'body mismatch',
      ],
      rows.map((r) => [
        r.name,
        r.connections,
        r.rps.toFixed(0),
        r.rounds,
        r.cpuPerRequest.toFixed(2),
        r.p50.toFixed(1),
        r.p99.toFixed(1),
        r.total,
        r.errors + r.timeouts,
        r.non2xx,
        r.mismatches,
      ]),
    ),
  );
  console.log('');
  return reportLoadRatios(rows, MIN_RATIO);
}

/** Each target's req/s and CPU per request against the raw baseline's, at each load level. */
function printCeiling(rows) {
  const lines = rows
    .filter((r) => r.name !== 'baseline')
    .map((r) => {
      const raw = rows.find((b) => b.name === 'baseline' && b.connections === r.connections);
      return [
        r.name,
        r.connections,
        (r.rps / raw.rps).toFixed(2),
        r.cpuPerRequest.toFixed(2),
        raw.cpuPerRequest.toFixed(2),
      ];
    });
  console.log('Framework ceiling: the same statements through a bare Nest app, against the raw server (same run)');
  console.log(formatTable(['target', 'connections', 'req/s vs raw', 'server CPU ms/req', 'raw CPU ms/req'], lines));
  console.log('');
}

async function main() {
  const options = parseOptions(
    process.argv.slice(2),
    { duration: 10, warmup: 2, operations: 500, rounds: 3, ceiling: false },
    { smoke: { duration: 2, warmup: 1, operations: 50, rounds: 1 }, profile: true },
  );
  ensureBuilt(options.build);
  let dragnet;
  let baseline;
  let failed = false;
  const cleanup = cleanupOnExit(async () => {
    await baseline?.stop();
    await dragnet?.stop();
  });

  try {
    log(`starting Dragnet API (database ${DB_NAME})`);
    dragnet = await startDragnet(DB_NAME, { profile: options.profile ? 'operation-read' : null });
    const apiBase = dragnet.base;
    const { token, operationId, hiddenId } = await seed(
      apiBase,
      dragnet.admin,
      dragnet.databaseUrl,
      options.operations,
    );

    // One secret for both servers, so the same token is valid on each.
    baseline = await startBaselineServer(__filename, {
      ...process.env,
      DATABASE_URL: dragnet.databaseUrl,
      JWT_SECRET: dragnet.env.JWT_SECRET,
    });

    // Both must give the same answers, sending the same statements, before their speed means anything:
    // the same body, 404 for an operation Italy is not in (need-to-know), 401 for a forged token.
    const route = `/operations/${operationId}`;
    const fromDragnet = await dragnet.statements.record(() => call(apiBase, 'GET', route, { token, expect: [200] }));
    const fromBaseline = await baseline.statements.record(() =>
      call(baseline.base, 'GET', route, { token, expect: [200] }),
    );
    assertSameStatements('GET /api/operations/:id', fromDragnet.statements, fromBaseline.statements);
    if (fromDragnet.result.text !== fromBaseline.result.text) {
      throw new Error(
        `Bodies differ:\n  dragnet:  ${fromDragnet.result.text}\n  baseline: ${fromBaseline.result.text}`,
      );
    }
    if (fromDragnet.result.json.code !== 'HYDRA-2016') throw new Error('Unexpected operation returned');
    const forged = `${token.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
    for (const base of [apiBase, baseline.base]) {
      await call(base, 'GET', `/operations/${hiddenId}`, { token, expect: [404] });
      await call(base, 'GET', route, { token: forged, expect: [401] });
    }

    const body = fromDragnet.result.text;
    const ceilings = [];
    if (options.ceiling) {
      const env = { ...process.env, DATABASE_URL: dragnet.databaseUrl, JWT_SECRET: dragnet.env.JWT_SECRET };
      for (const platform of ['express', 'fastify']) {
        let server;
        try {
          server = await startBaselineServer(__filename, env, ['--nest-server', platform]);
        } catch (error) {
          log(`ceiling: nest-${platform} did not start (${error.message}); left out`);
          continue;
        }
        ceilings.push({ name: `nest-${platform}`, server });
        const fromNest = await server.statements.record(() =>
          call(server.base, 'GET', route, { token, expect: [200] }),
        );
        assertSameStatements(`nest-${platform}`, fromNest.statements, fromBaseline.statements);
        if (fromNest.result.text !== body) throw new Error(`nest-${platform} body differs: ${fromNest.result.text}`);
      }
    }
    const stopCeilings = () => Promise.all(ceilings.map(({ server }) => server.stop()));
    const runs = [];
    const profiles = [];
    for (let round = 0; round < options.rounds; round++) {
      for (const connections of options.smoke ? CONNECTIONS.slice(0, 1) : CONNECTIONS) {
        const profiling = dragnet.profiler && round === 0;
        if (profiling) await dragnet.profiler.start(dragnet.child);
        runs.push(await measure('dragnet', dragnet, `${apiBase}${route}`, token, options, connections, body));
        if (profiling) profiles.push(await dragnet.profiler.stop());
        runs.push(await measure('baseline', baseline, `${baseline.base}${route}`, token, options, connections, body));
        for (const { name, server } of ceilings)
          runs.push(await measure(name, server, `${server.base}${route}`, token, options, connections, body));
      }
    }
    await stopCeilings();
    const rows = medianRuns(runs);
    const ratios = printReport(rows, options);
    if (ceilings.length > 0) printCeiling(rows);
    for (const profile of profiles) console.log(`\n${summariseCpuProfile(profile, 25)}`);

    // A smoke run on a saturated machine may see no answer inside its two seconds; the probes before
    // it checked the answers.
    const bad = runs.filter(
      (r) => r.errors + r.timeouts + r.non2xx + r.mismatches > 0 || (r.total === 0 && !options.smoke),
    );
    if (bad.length > 0) {
      failed = true;
      console.log(`FAIL: errors, non-2xx or wrong bodies from ${bad.map((r) => r.name).join(', ')}`);
    } else console.log('OK: non-2xx = 0, errors = 0, every body as expected, for both targets');
    const missed = ratios.filter((r) => !r.met);
    if (options.smoke) console.log('smoke run: answers and statements checked; the ratio goal is not judged');
    else if (missed.length > 0) {
      failed = true;
      console.log(
        `FAIL: req/s ratio below ${MIN_RATIO} at ${missed.map((r) => `${r.connections} connections`).join(', ')}`,
      );
    } else console.log(`OK: req/s ratio at least ${MIN_RATIO} at ${CONNECTIONS.join(' and ')} connections`);
  } catch (error) {
    failed = true;
    console.error(`[bench] FAILED: ${error.stack || error}`);
  } finally {
    await cleanup();
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[2] === '--baseline-server') runBaselineServer();
else if (process.argv[2] === '--nest-server') runBaselineServer(process.argv[3]);
else
  main().catch((error) => {
    // Bad arguments or a failed build: nothing has been started yet.
    console.error(`[bench] FAILED: ${error.message}`);
    process.exit(1);
  });
