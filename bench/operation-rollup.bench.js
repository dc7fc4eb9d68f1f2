#!/usr/bin/env node
'use strict';
/**
 * Benchmark: the status roll-up of an operation with 100,000 targets, 1,000,000 leads, 300,000
 * tasks (and 20,000 notice requests), computed by the code the worker runs (computeOperationFigures
 * in a REPEATABLE READ transaction, from the built dist) against one hand-written aggregate SQL
 * query over the same tables, in the same run; then GET /api/operations/:id/status with autocannon.
 * Prints both timings, the ratio roll-up / baseline, and the endpoint's p50 / p99.
 * Targets: ratio <= 1.5, roll-up < 2 s, p99 < 20 ms.
 *
 *   npm run bench:operation-rollup [-- --no-build --runs 5 --duration 10 --connections 10]
 *
 * Needs Postgres (trust auth) and Redis; override with BENCH_PG_URL / REDIS_URL.
 */
const fs = require('node:fs');
const path = require('node:path');
const { execSync } = require('node:child_process');
const {
  ROOT,
  log,
  call,
  startDragnet,
  coordinatorToken,
  advanceOperation,
  withClient,
  percentile,
  cleanupOnExit,
} = require('./lib/harness');

const DB_NAME = 'dragnet_bench_rollup';
const TARGETS = 100_000;
const LEADS = 1_000_000;
const TASKS = 300_000;
const REQUESTS = 20_000;
const COUNTRIES = ['AL', 'AT', 'BE', 'BG', 'CH', 'CY', 'DE', 'EG', 'ES', 'FR', 'GB', 'GR', 'HU', 'IT', 'LY', 'MA', 'MT', 'NL', 'PK', 'PL', 'RO', 'RS', 'SE', 'TN', 'TR']; // prettier-ignore
const FIGURES_MODULE = path.join(ROOT, 'dist/apps/api/libs/domain/src/rollups/operation-figures.js');

function parseArgs(argv) {
  const options = { build: true, runs: 5, duration: 10, connections: 10 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-build') options.build = false;
    else if (['--runs', '--duration', '--connections'].includes(arg)) {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value <= 0) throw new Error(`${arg} needs a positive number`);
      options[arg.slice(2)] = value;
    } else throw new Error(`Unknown argument ${arg}`);
  }
  return options;
}

/** The hand-written baseline: every figure family in one statement, grouped per country. */
const BASELINE_SQL = `
WITH t AS (
  SELECT status, nominating_country, wanted_by_country, arrested_country, located_country, count(*) AS n
    FROM targets WHERE operation_id = $1 AND merged_into_id IS NULL GROUP BY 1, 2, 3, 4, 5
)
SELECT 'target' AS family, status::text AS a, nominating_country AS b, wanted_by_country AS c,
       coalesce(arrested_country, located_country) AS d, n AS x, 0::bigint AS y, 0::bigint AS z FROM t
UNION ALL
SELECT 'lead', status::text, reporting_country, NULL, NULL, count(*),
       count(*) FILTER (WHERE created_at >= $2::timestamptz - interval '24 hours'), 0
  FROM leads WHERE operation_id = $1 GROUP BY status, reporting_country
UNION ALL
SELECT 'task', assigned_country, NULL, NULL, NULL,
       count(*) FILTER (WHERE status IN ('open', 'acknowledged', 'in_progress')),
       count(*) FILTER (WHERE status IN ('open', 'acknowledged', 'in_progress') AND due_at < $2),
       count(*) FILTER (WHERE status = 'done')
  FROM tasks WHERE operation_id = $1 GROUP BY assigned_country
UNION ALL
SELECT 'request', type::text, status::text, requesting_country, NULL, count(*), 0, 0
  FROM notice_requests WHERE operation_id = $1 GROUP BY type, status, requesting_country
UNION ALL
SELECT 'participant', country, NULL, NULL, NULL, 0, 0, 0 FROM participants WHERE operation_id = $1`;

async function seed(client, operationId) {
  const countries = `(ARRAY['${COUNTRIES.join("','")}'])`;
  const pick = (seed) => `${countries}[1 + ((${seed}) % ${COUNTRIES.length})]`;
  // Bulk rows straight in: no triggers or foreign-key checks for the load itself.
  await client.query(`SET session_replication_role = replica`);
  log(`seeding ${TARGETS} targets`);
  await client.query(
    `INSERT INTO targets (operation_id, reference, family_name, nominating_country, wanted_by_country, status,
                          arrested_country, arrested_at, located_country, located_at)
     SELECT $1, 'BENCH-' || lpad(n::text, 6, '0'), 'Family ' || n, ${pick('n')}, ${pick('n / 7')},
            s.status::target_status,
            CASE WHEN s.status IN ('arrested', 'extradited', 'surrendered', 'released') THEN ${pick('n / 3')} END,
            CASE WHEN s.status IN ('arrested', 'extradited', 'surrendered', 'released') THEN now() - (n % 500) * interval '1 hour' END,
            CASE WHEN s.status = 'located' THEN ${pick('n / 5')} END,
            CASE WHEN s.status = 'located' THEN now() - (n % 500) * interval '1 hour' END
       FROM generate_series(1, $2::int) AS n,
            LATERAL (SELECT (ARRAY['accepted','accepted','accepted','located','arrested','extradited','nominated','rejected','surrendered','released','deceased','withdrawn'])[1 + n % 12] AS status) s`,
    [operationId, TARGETS],
  );
  log(`seeding ${LEADS} leads`);
  await client.query(
    `INSERT INTO leads (operation_id, target_id, reporting_country, country, place, observed_at, type, narrative,
                        source_reliability, information_assessment, handling_code, status, created_at)
     SELECT $1, t.id, ${pick('n')}, ${pick('n / 11')}, 'Somewhere', now() - (n % 1000) * interval '1 hour', 'sighting',
            'Seen', 'B', 2, 'H1',
            (ARRAY['new','under_assessment','actioned','confirmed','disproved','closed'])[1 + n % 6]::lead_status,
            now() - (n % 2000) * interval '1 hour'
       FROM generate_series(1, $2::int) AS n
       JOIN LATERAL (SELECT id FROM targets WHERE operation_id = $1 AND reference = 'BENCH-' || lpad((1 + n % $3::int)::text, 6, '0')) t ON true`,
    [operationId, LEADS, TARGETS],
  );
  log(`seeding ${TASKS} tasks and ${REQUESTS} notice requests`);
  await client.query(
    `INSERT INTO tasks (operation_id, assigned_country, type, title, status, due_at)
     SELECT $1, ${pick('n')}, 'check_records', 'Task ' || n,
            (ARRAY['open','acknowledged','in_progress','done','cancelled'])[1 + n % 5]::task_status,
            now() + ((n % 200) - 100) * interval '1 hour'
       FROM generate_series(1, $2::int) AS n`,
    [operationId, TASKS],
  );
  await client.query(
    `INSERT INTO notice_requests (operation_id, target_id, type, status, requesting_country)
     SELECT $1, t.id, (ARRAY['red','yellow','blue','red_diffusion'])[1 + n % 4]::notice_request_type,
            (ARRAY['draft','submitted','under_review','published'])[1 + n % 4]::notice_request_status, ${pick('n')}
       FROM generate_series(1, $2::int) AS n
       JOIN LATERAL (SELECT id FROM targets WHERE operation_id = $1 AND reference = 'BENCH-' || lpad(n::text, 6, '0')) t ON true`,
    [operationId, REQUESTS],
  );
  await client.query(`SET session_replication_role = DEFAULT`);
  log('VACUUM ANALYZE');
  await client.query(`VACUUM ANALYZE targets, leads, tasks, notice_requests, participants`);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeRollup(client, computeOperationFigures, operationId) {
  const manager = { query: (sql, params) => client.query(sql, params).then((result) => result.rows) };
  const started = process.hrtime.bigint();
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
  const figures = await computeOperationFigures(manager, operationId, new Date());
  await client.query('COMMIT');
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, figures };
}

async function timeBaseline(client, operationId) {
  const started = process.hrtime.bigint();
  const { rows } = await client.query(BASELINE_SQL, [operationId, new Date()]);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, rows: rows.length };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.build) {
    log('npm run build');
    execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  }
  if (!fs.existsSync(FIGURES_MODULE)) throw new Error(`${FIGURES_MODULE} is missing: build first`);
  const { computeOperationFigures } = require(FIGURES_MODULE);

  const dragnet = await startDragnet(DB_NAME);
  const cleanup = cleanupOnExit(() => dragnet.stop());
  try {
    const token = await coordinatorToken(dragnet);
    const operation = (
      await call(dragnet.base, 'POST', '/operations', { token, body: { code: 'ROLLUP-BENCH', name: 'Roll-up bench' } })
    ).json;
    for (const country of COUNTRIES) {
      await call(dragnet.base, 'POST', `/operations/${operation.id}/participants`, {
        token,
        body: { country, roles: ['transit'], ncbName: `NCB ${country}`, focalPointEmails: [`fp@${country}.example`] },
      });
    }
    await advanceOperation(dragnet.base, token, operation.id, 'active');
    await withClient(dragnet.databaseUrl, (client) => seed(client, operation.id));

    const rollups = [];
    const baselines = [];
    let figures;
    await withClient(dragnet.databaseUrl, async (client) => {
      // One warm-up of each, so both read from a warm cache.
      await timeBaseline(client, operation.id);
      await timeRollup(client, computeOperationFigures, operation.id);
      for (let run = 0; run < options.runs; run++) {
        baselines.push((await timeBaseline(client, operation.id)).ms);
        const rollup = await timeRollup(client, computeOperationFigures, operation.id);
        rollups.push(rollup.ms);
        figures = rollup.figures;
      }
    });
    const rollupMs = median(rollups);
    const baselineMs = median(baselines);
    if (figures.totals.targets !== TARGETS || figures.totals.leads.total !== LEADS) {
      throw new Error(`Roll-up counted ${figures.totals.targets} targets and ${figures.totals.leads.total} leads`);
    }

    // The endpoint reads the latest snapshot: make one through the API, as a coordinator would.
    const refreshStarted = Date.now();
    await call(dragnet.base, 'POST', `/operations/${operation.id}/status/refresh`, { token, expect: [201] });
    const refreshMs = Date.now() - refreshStarted;

    const autocannon = require('autocannon');
    const origin = dragnet.base.replace(/\/api$/, '');
    const run = async (connections, duration) => {
      const result = await autocannon({
        url: `${origin}/api/operations/${operation.id}/status`,
        connections,
        duration,
        headers: { authorization: `Bearer ${token}` },
      });
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors`);
      }
      return result;
    };
    await run(options.connections, 2);
    // One client at a time (the latency a user sees), then under concurrent load.
    const single = await run(1, options.duration);
    const result = await run(options.connections, options.duration);

    console.log(
      `Operation roll-up: ${TARGETS} targets, ${LEADS} leads, ${TASKS} tasks, ${REQUESTS} requests, ${COUNTRIES.length} countries`,
    );
    console.log(
      `  roll-up (computeOperationFigures, REPEATABLE READ)  median ${rollupMs.toFixed(1)} ms  runs ${rollups.map((ms) => ms.toFixed(0)).join(', ')}`,
    );
    console.log(
      `  baseline (one hand-written aggregate query)         median ${baselineMs.toFixed(1)} ms  runs ${baselines.map((ms) => ms.toFixed(0)).join(', ')}`,
    );
    console.log(
      `  ratio roll-up / baseline: ${(rollupMs / baselineMs).toFixed(2)} (target <= 1.5); roll-up < 2 s: ${rollupMs < 2000 ? 'yes' : 'NO'}`,
    );
    console.log(`  POST status/refresh through the API (compute + snapshot + audit): ${refreshMs} ms`);
    console.log(
      `GET /api/operations/:id/status, 1 connection, ${options.duration} s: ` +
        `${single.requests.average.toFixed(0)} req/s, p50 ${single.latency.p50} ms, p99 ${single.latency.p99} ms (target p99 < 20 ms)`,
    );
    console.log(
      `GET /api/operations/:id/status, ${options.connections} connections, ${options.duration} s: ` +
        `${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (target p99 < 20 ms)`,
    );
  } finally {
    await cleanup();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

module.exports = { percentile };
