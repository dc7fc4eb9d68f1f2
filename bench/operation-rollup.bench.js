#!/usr/bin/env node
'use strict';
/**
 * Benchmark: the status roll-up of an operation with 100,000 targets, 1,000,000 leads, 300,000
 * tasks (and 20,000 notice requests), computed by the code the worker runs (computeOperationFigures
 * in a REPEATABLE READ transaction, from the built dist) against one hand-written aggregate SQL
 * query over the same tables, in the same run; then GET /api/operations/:id/status with autocannon.
 * Prints both timings, the ratio roll-up / baseline, and the endpoint's p50 / p99.
 * Targets: ratio <= 1.5, roll-up < 2 s, p99 < 20 ms (printed, not judged).
 * Checked (the bench fails otherwise): both sides read the same tables (their statements are
 * captured: the roll-up's per-network figures read networks and network_members) and count the same
 * targets, leads, networks and members. With --leads above 100,000, an operation of a
 * tenth of the size each is rolled up first, so the growth with size shows (100k / 1M / 3M leads).
 *
 *   npm run bench:operation-rollup [-- --no-build --runs 5 --duration 10 --connections 10 --leads 1000000 --smoke]
 *
 * --smoke: 5,000 leads, 1 run, 1 s of load.
 *
 * Needs Postgres (trust auth) and Redis; override with BENCH_PG_URL / REDIS_URL.
 */
const {
  log,
  ensureBuilt,
  parseOptions,
  loadTest,
  ownStatements,
  growthTable,
  call,
  startDragnet,
  coordinatorToken,
  advanceOperation,
  withClient,
  cleanupOnExit,
} = require('./lib/harness');
const { loadDomain } = require('./lib/domain');

const DB_NAME = 'dragnet_bench_rollup';
/**
 * The other rows in proportion to the leads: 1,000,000 leads come with 100,000 targets, 300,000 tasks,
 * 20,000 requests, and 200 networks with every fifth target a member of one.
 */
const sizesFor = (leads) => ({
  leads,
  targets: leads / 10,
  tasks: (leads * 3) / 10,
  requests: leads / 50,
  networks: Math.max(1, leads / 5_000),
});
const MEMBER_ROLES = ['leader', 'organiser', 'recruiter', 'transporter_or_driver', 'boat_pilot', 'other'];
const COUNTRIES = ['AL', 'AT', 'BE', 'BG', 'CH', 'CY', 'DE', 'EG', 'ES', 'FR', 'GB', 'GR', 'HU', 'IT', 'LY', 'MA', 'MT', 'NL', 'PK', 'PL', 'RO', 'RS', 'SE', 'TN', 'TR']; // prettier-ignore

/** The hand-written baseline: every figure family in one statement, grouped per country. */
const BASELINE_SQL = `
WITH t AS (
  SELECT status, nominating_country, wanted_by_country, arrested_country, located_country, count(*) AS n
    FROM targets WHERE operation_id = $1 AND merged_into_id IS NULL GROUP BY 1, 2, 3, 4, 5
)
SELECT 'target' AS family, status::text AS a, nominating_country AS b, wanted_by_country AS c,
       coalesce(arrested_country, located_country) AS d, n AS x, 0::bigint AS y, 0::bigint AS z FROM t
UNION ALL
SELECT 'lead', status::text, reporting_country, source_reliability::text || information_assessment, NULL, count(*),
       count(*) FILTER (WHERE created_at >= $2::timestamptz - interval '24 hours'), 0
  FROM leads WHERE operation_id = $1 GROUP BY status, reporting_country, source_reliability, information_assessment
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
SELECT 'participant', country, NULL, NULL, NULL, 0, 0, 0 FROM participants WHERE operation_id = $1
UNION ALL
SELECT 'network', n.id::text, m.role::text, t.status::text, NULL, count(t.id), 0, 0
  FROM networks n
  LEFT JOIN network_members m ON m.network_id = n.id
  LEFT JOIN targets t ON t.id = m.target_id AND t.merged_into_id IS NULL AND t.status <> 'rejected'
 WHERE n.operation_id = $1 GROUP BY n.id, m.role, t.status`;

async function seed(client, operationId, { targets, leads, tasks, requests, networks }) {
  const countries = `(ARRAY['${COUNTRIES.join("','")}'])`;
  const pick = (seed) => `${countries}[1 + ((${seed}) % ${COUNTRIES.length})]`;
  const reference = (n) => `'R' || ${leads} || '-' || lpad((${n})::text, 7, '0')`;
  // Bulk rows straight in: no triggers or foreign-key checks for the load itself.
  await client.query(`SET session_replication_role = replica`);
  log(`seeding ${targets} targets`);
  await client.query(
    `INSERT INTO targets (operation_id, reference, family_name, nominating_country, wanted_by_country, status,
                          arrested_country, arrested_at, located_country, located_at)
     SELECT $1, ${reference('n')}, 'Family ' || n, ${pick('n')}, ${pick('n / 7')},
            s.status::target_status,
            CASE WHEN s.status IN ('arrested', 'extradited', 'surrendered', 'released') THEN ${pick('n / 3')} END,
            CASE WHEN s.status IN ('arrested', 'extradited', 'surrendered', 'released') THEN now() - (n % 500) * interval '1 hour' END,
            CASE WHEN s.status = 'located' THEN ${pick('n / 5')} END,
            CASE WHEN s.status = 'located' THEN now() - (n % 500) * interval '1 hour' END
       FROM generate_series(1, $2::int) AS n,
            LATERAL (SELECT (ARRAY['accepted','accepted','accepted','located','arrested','extradited','nominated','rejected','surrendered','released','deceased','withdrawn'])[1 + n % 12] AS status) s`,
    [operationId, targets],
  );
  log(`seeding ${leads} leads`);
  await client.query(
    `INSERT INTO leads (operation_id, target_id, reporting_country, country, place, observed_at, type, narrative,
                        source_reliability, information_assessment, handling_code, status, created_at)
     SELECT $1, t.id, ${pick('n')}, ${pick('n / 11')}, 'Somewhere', now() - (n % 1000) * interval '1 hour', 'sighting',
            'Seen', (ARRAY['A','B','C','X'])[1 + n % 4]::lead_source_reliability, 1 + (n / 4) % 4, 'H1',
            (ARRAY['new','under_assessment','actioned','confirmed','disproved','closed'])[1 + n % 6]::lead_status,
            now() - (n % 2000) * interval '1 hour'
       FROM generate_series(1, $2::int) AS n
       JOIN LATERAL (SELECT id FROM targets WHERE operation_id = $1 AND reference = ${reference('1 + n % $3::int')}) t ON true`,
    [operationId, leads, targets],
  );
  log(`seeding ${tasks} tasks and ${requests} notice requests`);
  await client.query(
    `INSERT INTO tasks (operation_id, assigned_country, type, title, status, due_at)
     SELECT $1, ${pick('n')}, 'check_records', 'Task ' || n,
            (ARRAY['open','acknowledged','in_progress','done','cancelled'])[1 + n % 5]::task_status,
            now() + ((n % 200) - 100) * interval '1 hour'
       FROM generate_series(1, $2::int) AS n`,
    [operationId, tasks],
  );
  await client.query(
    `INSERT INTO notice_requests (operation_id, target_id, type, status, requesting_country)
     SELECT $1, t.id, (ARRAY['red','yellow','blue','red_diffusion'])[1 + n % 4]::notice_request_type,
            (ARRAY['draft','submitted','under_review','published'])[1 + n % 4]::notice_request_status, ${pick('n')}
       FROM generate_series(1, $2::int) AS n
       JOIN LATERAL (SELECT id FROM targets WHERE operation_id = $1 AND reference = ${reference('n')}) t ON true`,
    [operationId, requests],
  );
  log(`seeding ${networks} networks, every fifth target a member of one`);
  await client.query(
    `INSERT INTO networks (operation_id, name, name_key)
     SELECT $1, 'Network ' || n, 'network ' || n FROM generate_series(1, $2::int) AS n`,
    [operationId, networks],
  );
  await client.query(
    `INSERT INTO network_members (network_id, target_id, role, source_note)
     SELECT w.id, t.id, (ARRAY['${MEMBER_ROLES.join("','")}'])[1 + (t.n / 5) % ${MEMBER_ROLES.length}]::network_member_role, 'Seeded'
       FROM (SELECT id, row_number() OVER (ORDER BY reference) AS n FROM targets WHERE operation_id = $1) t
       JOIN (SELECT id, row_number() OVER (ORDER BY name) - 1 AS k FROM networks WHERE operation_id = $1) w
         ON w.k = (t.n / 5) % $2::int
      WHERE t.n % 5 = 0`,
    [operationId, networks],
  );
  await client.query(`SET session_replication_role = DEFAULT`);
  log('VACUUM ANALYZE');
  await client.query(`VACUUM ANALYZE targets, leads, tasks, notice_requests, participants, networks, network_members`);
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
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, rows };
}

/** The tables a statement reads (FROM and JOIN), so the two sides' reads can be compared. */
const readTables = (statements) =>
  [
    ...new Set(
      statements.flatMap(({ text }) => [...text.matchAll(/\b(?:FROM|JOIN)\s+"?([a-z_]+)"?/gi)].map((m) => m[1])),
    ),
  ]
    .filter((table) => !['t', 'generate_series', 'unnest'].includes(table))
    .sort();

/** One operation of `leads` leads (and the rest in proportion): timings of both sides, and the checks. */
async function rollUpOperation(dragnet, token, computeOperationFigures, leads, runs) {
  const sizes = sizesFor(leads);
  const operation = (
    await call(dragnet.base, 'POST', '/operations', {
      token,
      body: { code: `ROLLUP-${leads}`, name: `Roll-up bench ${leads}` },
    })
  ).json;
  for (const country of COUNTRIES) {
    await call(dragnet.base, 'POST', `/operations/${operation.id}/participants`, {
      token,
      body: { country, roles: ['transit'], ncbName: `NCB ${country}`, focalPointEmails: [`fp@${country}.example`] },
    });
  }
  await advanceOperation(dragnet.base, token, operation.id, 'active');
  await withClient(dragnet.databaseUrl, (client) => seed(client, operation.id, sizes));

  return withClient(dragnet.databaseUrl, async (client) => {
    // One warm-up of each, so both read from a warm cache; their statements are compared.
    const base = await ownStatements().record(() => timeBaseline(client, operation.id));
    const roll = await ownStatements().record(() => timeRollup(client, computeOperationFigures, operation.id));
    const [ours, theirs] = [readTables(roll.statements), readTables(base.statements)];
    if (ours.join() !== theirs.join())
      throw new Error(`the roll-up reads ${ours.join(', ')}; the baseline reads ${theirs.join(', ')}`);
    const counted = (family) =>
      base.result.rows.filter((row) => row.family === family).reduce((sum, row) => sum + Number(row.x), 0);
    const { figures } = roll.result;
    if (figures.totals.targets !== sizes.targets || figures.totals.leads.total !== leads)
      throw new Error(`Roll-up counted ${figures.totals.targets} targets and ${figures.totals.leads.total} leads`);
    if (counted('target') !== sizes.targets || counted('lead') !== leads)
      throw new Error(`Baseline counted ${counted('target')} targets and ${counted('lead')} leads`);
    // The leads by grading (the board's 4x4) are counted on both sides.
    if (!figures.totals.leads.byGrading) throw new Error('the roll-up counted no leads by grading');
    for (const [grading, count] of Object.entries(figures.totals.leads.byGrading)) {
      const baseline = base.result.rows
        .filter((row) => row.family === 'lead' && row.c === grading)
        .reduce((sum, row) => sum + Number(row.x), 0);
      if (baseline !== count)
        throw new Error(`Grading ${grading}: the roll-up counts ${count} leads, the baseline ${baseline}`);
    }
    const members = figures.networks.reduce((sum, network) => sum + network.members, 0);
    const networks = new Set(base.result.rows.filter((row) => row.family === 'network').map((row) => row.a)).size;
    if (figures.networks.length !== sizes.networks || networks !== sizes.networks || counted('network') !== members)
      throw new Error(
        `Roll-up: ${figures.networks.length} networks, ${members} members; baseline: ${networks} networks, ${counted('network')} members`,
      );
    const rollups = [];
    const baselines = [];
    for (let run = 0; run < runs; run++) {
      baselines.push((await timeBaseline(client, operation.id)).ms);
      rollups.push((await timeRollup(client, computeOperationFigures, operation.id)).ms);
    }
    log(
      `${leads} leads: both read ${ours.join(', ')}; both count ${sizes.targets} targets, ${leads} leads, ` +
        `${sizes.networks} networks of ${members} members`,
    );
    return { operation, sizes, rollups, baselines, rollupMs: median(rollups), baselineMs: median(baselines) };
  });
}

async function main() {
  const options = parseOptions(
    process.argv.slice(2),
    { runs: 5, duration: 10, connections: 10, leads: 1_000_000 },
    { smoke: { runs: 1, duration: 1, leads: 5_000 } },
  );
  ensureBuilt(options.build);
  const { computeOperationFigures } = loadDomain();
  const sizes = [...[100_000, 1_000_000, 3_000_000].filter((leads) => leads < options.leads), options.leads];

  const dragnet = await startDragnet(DB_NAME);
  const cleanup = cleanupOnExit(() => dragnet.stop());
  try {
    const token = await coordinatorToken(dragnet);
    const results = [];
    for (const leads of sizes)
      results.push(await rollUpOperation(dragnet, token, computeOperationFigures, leads, options.runs));
    const largest = results[results.length - 1];
    const { operation, rollupMs, baselineMs, rollups, baselines } = largest;

    // The endpoint reads the latest snapshot: make one through the API, as a coordinator would.
    const refreshStarted = Date.now();
    await call(dragnet.base, 'POST', `/operations/${operation.id}/status/refresh`, { token, expect: [201] });
    const refreshMs = Date.now() - refreshStarted;

    const run = async (connections, duration) => {
      const result = await loadTest({
        url: `${dragnet.origin}/api/operations/${operation.id}/status`,
        connections,
        duration,
        headers: { authorization: `Bearer ${token}` },
      });
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors`);
      }
      return result;
    };
    await run(options.connections, Math.min(2, options.duration));
    // One client at a time (the latency a user sees), then under concurrent load.
    const single = await run(1, options.duration);
    const result = await run(options.connections, options.duration);

    const { targets, tasks, requests } = largest.sizes;
    console.log(
      `Operation roll-up: ${targets} targets, ${options.leads} leads, ${tasks} tasks, ${requests} requests, ${COUNTRIES.length} countries`,
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
        `${single.rps.toFixed(0)} req/s, p50 ${single.p50} ms, p99 ${single.p99} ms (target p99 < 20 ms)`,
    );
    console.log(
      `GET /api/operations/:id/status, ${options.connections} connections, ${options.duration} s: ` +
        `${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms (target p99 < 20 ms)`,
    );
    console.log('');
    console.log(
      growthTable(
        'Growth with size: roll-up median (baseline alongside)',
        { sizeLabel: 'leads', costLabel: 'roll-up ms', unit: { name: '1M leads', per: 1_000_000 } },
        results.map((r) => ({ size: r.sizes.leads, cost: r.rollupMs, baseline: r.baselineMs.toFixed(0) })),
        [{ key: 'baseline', header: 'baseline ms' }],
      ),
    );
    if (options.smoke) console.log('smoke run: tables read and counts checked; the targets are not judged');
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
