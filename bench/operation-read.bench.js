#!/usr/bin/env node
'use strict';
/**
 * Benchmark: authenticated GET /api/operations/:id as an investigator (JWT check, user reload,
 * need-to-know query), Dragnet API vs a minimal node:http + pg server that runs the same two SQL
 * statements. Prints req/s, p50 and p99 for both and the ratio Dragnet / baseline.
 *
 *   npm run bench:operation-read [-- --no-build --duration 10 --warmup 2 --connections 50]
 *
 * Needs Postgres (trust auth) and Redis; override with BENCH_PG_URL / REDIS_URL.
 * Exits non-zero if anything fails or any request is not a 2xx with the expected body.
 */
const { fork } = require('node:child_process');
const crypto = require('node:crypto');
const http = require('node:http');
const os = require('node:os');
const { log, ensureBuilt, call, startDragnet, stopChild } = require('./lib/harness');

const DB_NAME = 'dragnet_bench';
const POOL_SIZE = 20; // Dragnet's pool size (libs/platform/src/database/data-source-options.ts)
const SEED_OPERATIONS = 500;

// The exact SQL TypeORM sends for this request (captured with log_statement=all), so the baseline
// does the same database work and only the framework around it differs.
const USER_SQL =
  'SELECT "User"."id" AS "User_id", "User"."email" AS "User_email", "User"."display_name" AS "User_display_name", ' +
  '"User"."password_hash" AS "User_password_hash", "User"."role" AS "User_role", "User"."country" AS "User_country", ' +
  '"User"."active" AS "User_active", "User"."created_at" AS "User_created_at", "User"."updated_at" AS "User_updated_at" ' +
  'FROM "users" "User" WHERE (("User"."id" = $1) AND ("User"."active" = $2)) LIMIT 1';
const OPERATION_SQL =
  'SELECT "operation"."id" AS "operation_id", "operation"."code" AS "operation_code", "operation"."name" AS "operation_name", ' +
  '"operation"."crime_focus" AS "operation_crime_focus", "operation"."description" AS "operation_description", ' +
  '"operation"."nomination_opens_on" AS "operation_nomination_opens_on", "operation"."operational_start" AS "operation_operational_start", ' +
  '"operation"."operational_end" AS "operation_operational_end", "operation"."status" AS "operation_status", ' +
  '"operation"."created_by" AS "operation_created_by", "operation"."created_at" AS "operation_created_at", ' +
  '"operation"."updated_at" AS "operation_updated_at", "operation"."version" AS "operation_version" ' +
  'FROM "operations" "operation" WHERE EXISTS (SELECT 1 FROM participants visible_p WHERE visible_p.operation_id = "operation"."id" ' +
  'AND visible_p.country = $1) AND "operation"."id" = $2';

// ---------------------------------------------------------------------------------------------
// Baseline server. Runs in its own process (this file forked with --baseline-server) so that it
// does not share an event loop with autocannon, just as the Dragnet API does not.
// ---------------------------------------------------------------------------------------------

function runBaselineServer() {
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

  /** HS256 JWT check as jsonwebtoken does it for Dragnet: algorithm, signature, expiry. */
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
      return typeof claims.sub === 'string' ? claims : null;
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

  async function handle(req, res) {
    const match = req.method === 'GET' && ROUTE.exec(req.url);
    if (!match) return send(res, 404, { statusCode: 404, error: 'not_found' });
    const [scheme, token] = (req.headers.authorization || '').split(' ');
    const claims = scheme && scheme.toLowerCase() === 'bearer' && token ? verifyJwt(token) : null;
    if (!claims) return send(res, 401, { statusCode: 401, error: 'unauthorized' });
    // Reloaded per request, like Dragnet's AuthGuard, so deactivation takes effect at once.
    const { rows: users } = await pool.query(USER_SQL, [claims.sub, true]);
    const user = users[0];
    if (!user) return send(res, 401, { statusCode: 401, error: 'unauthorized' });
    // Only the investigator path is benchmarked; other roles are out of scope for this baseline.
    if (user.User_role !== 'investigator') return send(res, 403, { statusCode: 403, error: 'forbidden' });
    if (!UUID.test(match[1])) return send(res, 400, { statusCode: 400, error: 'invalid_input' });
    const { rows } = await pool.query(OPERATION_SQL, [user.User_country, match[1]]);
    const row = rows[0];
    if (!row) return send(res, 404, { statusCode: 404, error: 'not_found' });
    // Same fields, same order as the Operation entity, so the JSON body is byte-identical.
    send(res, 200, {
      id: row.operation_id,
      code: row.operation_code,
      name: row.operation_name,
      crimeFocus: row.operation_crime_focus,
      description: row.operation_description,
      nominationOpensOn: row.operation_nomination_opens_on,
      operationalStart: row.operation_operational_start,
      operationalEnd: row.operation_operational_end,
      status: row.operation_status,
      createdBy: row.operation_created_by,
      createdAt: row.operation_created_at,
      updatedAt: row.operation_updated_at,
      version: row.operation_version,
    });
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

function parseArgs(argv) {
  const options = { build: true, duration: 10, warmup: 2, connections: 50 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-build') options.build = false;
    else if (['--duration', '--warmup', '--connections'].includes(arg)) {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value <= 0) throw new Error(`${arg} needs a positive number`);
      options[arg.slice(2)] = value;
    } else throw new Error(`Unknown argument ${arg}`);
  }
  return options;
}

function startBaseline(env) {
  const child = fork(__filename, ['--baseline-server'], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', ({ port }) => resolve({ child, port }));
    child.once('exit', (code) => reject(new Error(`Baseline server exited with ${code}`)));
  });
}

/** Creates the fixture through the public API (as a user would) plus bulk rows through SQL. */
async function seed(base, adminAccount, databaseUrl) {
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

  // A few hundred more operations, each with some of 8 countries taking part, so the index and the
  // EXISTS sub-query work on a non-trivial table.
  const { Client } = require('pg');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let hiddenId;
  try {
    await client.query(
      `INSERT INTO operations (code, name, status, created_by)
       SELECT format('SEED-%s', lpad(g::text, 4, '0')), 'Seed operation ' || g,
              (ARRAY['planning','nomination','active','follow_up','closed']::operation_status[])[1 + g % 5], $2
         FROM generate_series(1, $1::int) g`,
      [SEED_OPERATIONS, coordinatorUser.id],
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
    hiddenId = hidden.rows[0].id;
  } finally {
    await client.end();
  }

  const token = (await call(base, 'POST', '/auth/login', { body: investigator })).json.accessToken;
  return { token, operationId: operation.id, hiddenId };
}

function runAutocannon(url, token, seconds, connections, expectBody) {
  const autocannon = require('autocannon');
  return autocannon({
    url,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    expectBody, // counts any response whose body differs as a mismatch
  });
}

async function measure(name, url, token, options, expectBody) {
  log(`${name}: warm-up ${options.warmup} s`);
  await runAutocannon(url, token, options.warmup, options.connections, expectBody);
  log(`${name}: measuring ${options.duration} s with ${options.connections} connections`);
  const result = await runAutocannon(url, token, options.duration, options.connections, expectBody);
  return {
    name,
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
  };
}

function printReport(rows, options) {
  const header = ['target', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'errors', 'non-2xx', 'body mismatch'];
  const lines = rows.map((r) => [
    r.name,
    r.rps.toFixed(0),
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    String(r.total),
    String(r.errors + r.timeouts),
    String(r.non2xx),
    String(r.mismatches),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const [dragnet, baseline] = rows;
  console.log('');
  console.log(
    `GET /api/operations/:id as investigator — ${options.connections} connections, ${options.duration} s after ` +
      `${options.warmup} s warm-up, pg pool ${POOL_SIZE}, node ${process.version}, ${os.availableParallelism()} CPUs`,
  );
  console.log(format(header));
  console.log(format(widths.map((w) => '-'.repeat(w))));
  for (const line of lines) console.log(format(line));
  console.log('');
  console.log(
    `ratio Dragnet/baseline: req/s ${(dragnet.rps / baseline.rps).toFixed(2)}, p99 ${(dragnet.p99 / baseline.p99).toFixed(2)}`,
  );
}

async function main() {
  const options = parseArgs(process.argv.slice(2));

  ensureBuilt(options.build);
  let dragnet;
  let baselineChild;
  let failed = false;

  const cleanup = async () => {
    await stopChild(baselineChild, 'baseline server');
    await dragnet?.stop();
  };
  process.once('SIGINT', () => cleanup().finally(() => process.exit(130)));

  try {
    log(`starting Dragnet API (database ${DB_NAME})`);
    dragnet = await startDragnet(DB_NAME);
    const apiBase = dragnet.base;
    const { token, operationId, hiddenId } = await seed(apiBase, dragnet.admin, dragnet.databaseUrl);

    // One secret for both servers, so the same token is valid on each.
    const baseline = await startBaseline({
      ...process.env,
      DATABASE_URL: dragnet.databaseUrl,
      JWT_SECRET: dragnet.env.JWT_SECRET,
    });
    baselineChild = baseline.child;
    const baselineBase = `http://127.0.0.1:${baseline.port}/api`;

    // Both must give the same answers before their speed means anything: the same body, 404 for an
    // operation Italy is not in (need-to-know), 401 for a token with a bad signature.
    const route = `/operations/${operationId}`;
    const fromDragnet = await call(apiBase, 'GET', route, { token, expect: [200] });
    const fromBaseline = await call(baselineBase, 'GET', route, { token, expect: [200] });
    if (fromDragnet.text !== fromBaseline.text) {
      throw new Error(`Bodies differ:\n  dragnet:  ${fromDragnet.text}\n  baseline: ${fromBaseline.text}`);
    }
    if (fromDragnet.json.code !== 'HYDRA-2016') throw new Error('Unexpected operation returned');
    const forged = `${token.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
    for (const base of [apiBase, baselineBase]) {
      await call(base, 'GET', `/operations/${hiddenId}`, { token, expect: [404] });
      await call(base, 'GET', route, { token: forged, expect: [401] });
    }

    const rows = [];
    rows.push(await measure('dragnet', `${apiBase}${route}`, token, options, fromDragnet.text));
    rows.push(await measure('baseline', `${baselineBase}${route}`, token, options, fromDragnet.text));
    printReport(rows, options);

    const bad = rows.filter((r) => r.errors + r.timeouts + r.non2xx + r.mismatches > 0 || r.total === 0);
    if (bad.length > 0) {
      failed = true;
      console.log(`FAIL: errors, non-2xx or wrong bodies from ${bad.map((r) => r.name).join(', ')}`);
    } else {
      console.log('OK: non-2xx = 0, errors = 0, every body as expected, for both targets');
    }
  } catch (error) {
    failed = true;
    console.error(`[bench] FAILED: ${error.stack || error}`);
  } finally {
    await cleanup();
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[2] === '--baseline-server') runBaselineServer();
else
  main().catch((error) => {
    // Bad arguments or a failed build: nothing has been started yet.
    console.error(`[bench] FAILED: ${error.message}`);
    process.exit(1);
  });
