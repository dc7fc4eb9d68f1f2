#!/usr/bin/env node
'use strict';
/**
 * Benchmark: POST /api/operations/:id/tasks/bulk tasking every participating country of an active
 * operation (50) to check its records for every accepted target (500): 25,000 tasks, each with its
 * history row and audit entry, in one request. Timed 3 times, each on a fresh operation; prints each
 * time and the best. Goal: under 5 s. The counts are checked in the database after each run. Before
 * them, one run each at a tenth and at half the targets, so the growth with size shows.
 *
 *   npm run bench:bulk-tasking [-- --no-build --runs 3 --countries 50 --targets 500 --explain --profile --smoke]
 *
 * --explain: afterwards, runs the bulk INSERT statement Dragnet sent (captured) under EXPLAIN ANALYZE
 *   (rolled back) on one more fresh operation and prints the plan, with the time in each foreign key trigger.
 * --smoke: 5 countries × 20 targets, one run; checks the counts, not the goal.
 * --profile: CPU-profiles the Dragnet API during the timed requests and prints where time goes.
 *
 * Needs Postgres (trust auth) and Redis; override with BENCH_PG_URL / REDIS_URL.
 * Exits non-zero if the goal is missed, a request fails, or a count is wrong.
 */
const crypto = require('node:crypto');
const os = require('node:os');
const {
  log,
  parseOptions,
  growthTable,
  ensureBuilt,
  adminQuery,
  call,
  startDragnet,
  login,
  createUser,
  advanceOperation,
  withClient,
  formatTable,
  cleanupOnExit,
  summariseCpuProfile,
  cpuAccounting,
} = require('./lib/harness');
const { loadDomain } = require('./lib/domain');

const DB_NAME = 'dragnet_bench_bulk_tasking';
const GOAL_MS = 5_000;

/** Fifty real country codes (as in test/tasks.e2e-spec.ts). */
const COUNTRIES = [
  'AL', 'AT', 'BA', 'BE', 'BG', 'CH', 'CY', 'CZ', 'DE', 'DK',
  'DZ', 'EE', 'EG', 'ES', 'FI', 'FR', 'GB', 'GR', 'HR', 'HU',
  'IE', 'IQ', 'IT', 'JO', 'LB', 'LT', 'LU', 'LV', 'LY', 'MA',
  'ME', 'MK', 'MT', 'NE', 'NL', 'NO', 'PK', 'PL', 'PT', 'RO',
  'RS', 'SD', 'SE', 'SI', 'SK', 'SY', 'TN', 'TR', 'UA', 'AF',
]; // prettier-ignore
const ROLES = [['source'], ['transit'], ['destination'], ['transit', 'destination']];
const GIVEN = [
  'Mohammed',
  'Youssef',
  'Ibrahim',
  'Khaled',
  'Ahmed',
  'Omar',
  'Hamza',
  'Tariq',
  'Samir',
  'Bilal',
  'Abdel',
];
const FAMILY = [
  'Al Masri',
  'Haddad',
  'Benali',
  'Mansour',
  'Tesfaye',
  'Krasniqi',
  'Yılmaz',
  'Diallo',
  'Darwish',
  'Saleh',
];
const NATIONALITIES = ['EG', 'LY', 'ER', 'NG', 'TR', 'AL', 'SY', 'IQ', 'AF', 'TN'];

/** Accepted targets, straight into the table for speed, but valid rows (references, search fields). */
async function insertTargets(databaseUrl, operation, countries, count, createdBy) {
  const { searchNames, nameKeys } = loadDomain();
  const rows = [];
  for (let n = 1; n <= count; n++) {
    const family = FAMILY[n % FAMILY.length];
    const given = GIVEN[(n * 7) % GIVEN.length];
    const aliases = n % 3 === 0 ? [`Abu ${GIVEN[(n * 3) % GIVEN.length]}`] : [];
    const country = countries[n % countries.length];
    rows.push({
      reference: `${operation.code}-${String(n).padStart(4, '0')}`,
      family,
      given,
      aliases,
      country,
      nominatingReference: `${country}-${2016}-${String(n).padStart(5, '0')}`,
      birthYear: 1960 + (n % 40),
      nationality: NATIONALITIES[n % NATIONALITIES.length],
      searchNames: searchNames(family, given, aliases),
      nameKeys: nameKeys(family, given, aliases),
    });
  }
  await withClient(databaseUrl, async (client) => {
    await client.query(
      `INSERT INTO targets (operation_id, reference, status, family_name, given_names, aliases, birth_year, nationalities,
                            nominating_country, nominating_reference, wanted_by_country, offence_categories,
                            search_names, name_keys, created_by)
       SELECT $1, t.reference, 'accepted', t.family, t.given, t.aliases, t.birth_year, ARRAY[t.nationality]::char(2)[],
              t.country, t.nominating_reference, t.country, '{migrant_smuggling}', t.search_names, t.name_keys, $3
         FROM jsonb_to_recordset($2::jsonb) AS t(reference text, family text, given text, aliases text[], birth_year smallint,
              nationality text, country text, nominating_reference text, search_names text, name_keys text[])`,
      [
        operation.id,
        JSON.stringify(
          rows.map((r) => ({
            reference: r.reference,
            family: r.family,
            given: r.given,
            aliases: r.aliases,
            birth_year: r.birthYear,
            nationality: r.nationality,
            country: r.country,
            nominating_reference: r.nominatingReference,
            search_names: r.searchNames,
            name_keys: r.nameKeys,
          })),
        ),
        createdBy,
      ],
    );
    await client.query('ANALYZE targets'); // as autovacuum would after such a load
  });
}

/** A fresh operation: participants through the API, targets by SQL while nominations are open, then active. */
async function prepareOperation(dragnet, token, coordinatorId, run, options, targets) {
  const code = `BULK-${run}-${crypto.randomBytes(3).toString('hex').toUpperCase()}`;
  const operation = (
    await call(dragnet.base, 'POST', '/operations', {
      token,
      body: { code, name: `Bulk tasking run ${run}` },
      expect: [201],
    })
  ).json;
  const countries = COUNTRIES.slice(0, options.countries);
  for (const [i, country] of countries.entries()) {
    await call(dragnet.base, 'POST', `/operations/${operation.id}/participants`, {
      token,
      body: {
        country,
        roles: ROLES[i % ROLES.length],
        ncbName: `NCB ${country}`,
        focalPointEmails: [`fp@ncb-${country.toLowerCase()}.example`],
      },
      expect: [201],
    });
  }
  await advanceOperation(dragnet.base, token, operation.id, 'nomination');
  await insertTargets(dragnet.databaseUrl, operation, countries, targets, coordinatorId);
  await advanceOperation(dragnet.base, token, operation.id, 'active');
  return { operation, countries };
}

/** Everything the request must have written, counted in the database. */
async function verify(databaseUrl, operationId, batchId, response, options, targets) {
  const expected = options.countries * targets;
  const problems = [];
  if (response.created !== expected) problems.push(`created ${response.created}, expected ${expected}`);
  if (response.byCountry.length !== options.countries || response.byCountry.some((c) => c.count !== targets))
    problems.push(`byCountry is not ${options.countries} countries × ${targets}`);
  const counts = await withClient(databaseUrl, async (client) => {
    // Fresh rows without statistics would get nested loops over 25,000 rows here.
    await client.query('ANALYZE tasks, task_status_changes, audit_entries, outbox_messages');
    const { rows } = await client.query(
      `SELECT (SELECT count(*)::int FROM tasks WHERE batch_id = $1) AS tasks,
              (SELECT count(*)::int FROM tasks WHERE operation_id = $2) AS operation_tasks,
              (SELECT count(DISTINCT (assigned_country, target_id))::int FROM tasks WHERE batch_id = $1) AS pairs,
              (SELECT count(*)::int FROM tasks WHERE batch_id = $1 AND (status <> 'open' OR type <> 'check_records' OR target_id IS NULL)) AS odd,
              (SELECT count(*)::int FROM task_status_changes c
                WHERE c.task_id IN (SELECT id FROM tasks WHERE batch_id = $1)
                  AND c.from_status IS NULL AND c.to_status = 'open') AS history,
              (SELECT count(*)::int FROM audit_entries a
                WHERE a.entity_id IN (SELECT id::text FROM tasks WHERE batch_id = $1)
                  AND a.action = 'task.create' AND a.entity_type = 'task') AS audited,
              (SELECT count(*)::int FROM audit_entries
                WHERE action = 'task.bulk_create' AND entity_id = $2::text AND after->>'batchId' = $1::text) AS bulk_audit,
              (SELECT count(*)::int FROM outbox_messages WHERE job_id LIKE 'task-batch:' || $1::text || ':%') AS outbox`,
      [batchId, operationId],
    );
    return rows[0];
  });
  const want = {
    tasks: expected,
    operation_tasks: expected,
    pairs: expected,
    odd: 0,
    history: expected,
    audited: expected,
    bulk_audit: 1,
    outbox: options.countries,
  };
  for (const [name, value] of Object.entries(want)) {
    if (counts[name] !== value) problems.push(`${name}: ${counts[name]} in the database, expected ${value}`);
  }
  return { counts, problems };
}

const BULK_BODY = {
  countries: 'all',
  targetIds: 'all-accepted',
  type: 'check_records',
  title: 'Check your national records for this person',
  details: 'Criminal records, border crossings, residence permits, vehicles and phone subscriptions; report any hit.',
  priority: 'high',
};

/** The bulk statement TaskBulkService sent (`bulkSql`) under EXPLAIN ANALYZE, rolled back: where the database time goes. */
async function explainBulk(databaseUrl, operationId, countries, actor, bulkSql) {
  return withClient(databaseUrl, async (client) => {
    await client.query('BEGIN');
    try {
      const { rows: targets } = await client.query(
        `SELECT id FROM targets WHERE operation_id = $1 AND status = 'accepted' AND merged_into_id IS NULL ORDER BY reference`,
        [operationId],
      );
      const started = process.hrtime.bigint();
      const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, WAL) ${bulkSql}`, [
        operationId,
        countries,
        targets.map((t) => t.id),
        BULK_BODY.type,
        BULK_BODY.title,
        BULK_BODY.details,
        BULK_BODY.priority,
        null,
        'open',
        actor.id,
        crypto.randomUUID(),
        'coordinator',
        null,
        crypto.randomUUID(),
      ]);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      return { ms, plan: rows.map((r) => r['QUERY PLAN']).join('\n') };
    } finally {
      await client.query('ROLLBACK');
    }
  });
}

async function main() {
  const options = parseOptions(
    process.argv.slice(2),
    { runs: 3, countries: 50, targets: 500, explain: false },
    { smoke: { runs: 1, countries: 5, targets: 20 }, profile: true },
  );
  if (options.countries > COUNTRIES.length) throw new Error(`--countries is at most ${COUNTRIES.length}`);
  ensureBuilt(options.build);
  let dragnet;
  let failed;
  const cleanup = cleanupOnExit(async () => {
    await dragnet?.stop();
  });

  try {
    log(`starting Dragnet API (database ${DB_NAME})`);
    dragnet = await startDragnet(DB_NAME, { profile: options.profile ? 'bulk-tasking' : null });
    const adminToken = await login(dragnet.base, dragnet.admin.email, dragnet.admin.password);
    const account = { email: 'dubois@lyon.example', password: 'quiet-granite-orchard-7' };
    const coordinator = await createUser(dragnet.base, adminToken, {
      ...account,
      displayName: 'Coordinator Dubois',
      role: 'coordinator',
    });
    const token = await login(dragnet.base, account.email, account.password);

    // Smaller runs first, for the growth table; then the timed runs at full size.
    const plan = [
      ...(options.smoke ? [] : [Math.round(options.targets / 10), Math.round(options.targets / 2)]).map((targets) => ({
        targets,
        timed: false,
      })),
      ...Array.from({ length: options.runs }, () => ({ targets: options.targets, timed: true })),
    ];
    const runs = [];
    let bulkSql = null;
    for (const [index, { targets, timed }] of plan.entries()) {
      const run = index + 1;
      log(`run ${run}: operation with ${options.countries} participants and ${targets} accepted targets`);
      const { operation } = await prepareOperation(dragnet, token, coordinator.id, run, options, targets);
      await adminQuery('CHECKPOINT');
      if (dragnet.profiler && timed) await dragnet.profiler.start(dragnet.child);
      const cpu = cpuAccounting({ database: dragnet.database, processes: { 'API process (node)': dragnet.child.pid } });
      const before = cpu.snapshot();
      const started = process.hrtime.bigint();
      const { result: response, statements } = await dragnet.statements.record(() =>
        call(dragnet.base, 'POST', `/operations/${operation.id}/tasks/bulk`, { token, body: BULK_BODY, expect: [201] }),
      );
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const used = cpu.diff(before, cpu.snapshot());
      const profile = dragnet.profiler && timed ? await dragnet.profiler.stop() : null;
      bulkSql = statements.map((s) => s.text).find((text) => /^WITH .*INSERT INTO tasks/i.test(text)) ?? bulkSql;
      const { counts, problems } = await verify(
        dragnet.databaseUrl,
        operation.id,
        response.json.batchId,
        response.json,
        options,
        targets,
      );
      log(
        `run ${run}: ${ms.toFixed(0)} ms, ${response.json.created} tasks in ${statements.length} statements${problems.length ? ', WRONG COUNTS' : ''}`,
      );
      runs.push({
        run,
        targets,
        timed,
        ms,
        created: response.json.created,
        statements: statements.length,
        counts,
        problems,
        cpu: used,
        profile,
      });
    }

    console.log('');
    console.log(
      `POST /api/operations/:id/tasks/bulk (countries: all, targetIds: all-accepted) — ${options.countries} countries × ` +
        `accepted targets, each run on a fresh operation, node ${process.version}, ${os.availableParallelism()} CPUs`,
    );
    console.log(
      formatTable(
        [
          'run',
          'targets',
          'time ms',
          'created',
          'tasks',
          'history',
          'task audit',
          'bulk audit',
          'outbox',
          'statements',
          'API CPU ms',
          'PG CPU ms',
        ],
        runs.map((r) => [
          r.run,
          r.targets,
          r.ms.toFixed(0),
          r.created,
          r.counts.tasks,
          r.counts.history,
          r.counts.audited,
          r.counts.bulk_audit,
          r.counts.outbox,
          r.statements,
          (r.cpu.categories['API process (node), user'] + r.cpu.categories['API process (node), kernel']).toFixed(0),
          (r.cpu.categories['postgres backends'] ?? 0).toFixed(0),
        ]),
      ),
    );
    console.log('');
    const bySize = [...new Set(runs.map((r) => r.targets))].map((targets) => ({
      size: targets * options.countries,
      cost: Math.min(...runs.filter((r) => r.targets === targets).map((r) => r.ms)),
    }));
    console.log(
      growthTable(
        'Growth with size: bulk tasking time (best run per size)',
        { sizeLabel: 'tasks', costLabel: 'ms', unit: { name: '1,000 tasks', per: 1_000 } },
        bySize,
      ),
    );
    const timedRuns = runs.filter((r) => r.timed);
    const best = Math.min(...timedRuns.map((r) => r.ms));
    const met = best < GOAL_MS;
    console.log('');
    console.log(
      `best: ${best.toFixed(0)} ms; worst: ${Math.max(...timedRuns.map((r) => r.ms)).toFixed(0)} ms (${options.countries * options.targets} tasks)`,
    );
    console.log(`goal ${met ? 'MET    ' : 'NOT MET'}  best time under ${GOAL_MS} ms: ${best.toFixed(0)} ms`);

    if (options.explain) {
      log('EXPLAIN ANALYZE of the bulk statement on one more fresh operation (rolled back)');
      const { operation, countries } = await prepareOperation(
        dragnet,
        token,
        coordinator.id,
        'explain',
        options,
        options.targets,
      );
      if (!bulkSql) throw new Error('no bulk INSERT INTO tasks statement was captured');
      await adminQuery('CHECKPOINT');
      const { ms, plan } = await explainBulk(dragnet.databaseUrl, operation.id, countries, coordinator, bulkSql);
      console.log('');
      console.log(`EXPLAIN (ANALYZE, BUFFERS, WAL) of BULK_INSERT_SQL, ${ms.toFixed(0)} ms including planning:`);
      console.log(plan);
    }
    for (const r of runs.filter((r) => r.profile)) {
      console.log('');
      console.log(`run ${r.run}: ${summariseCpuProfile(r.profile, 12)}`);
    }

    const problems = runs.flatMap((r) => r.problems.map((p) => `run ${r.run}: ${p}`));
    for (const problem of problems) console.log(`FAIL: ${problem}`);
    if (options.smoke) console.log('smoke run: counts checked; the goal is not judged');
    else if (!met) console.log('FAIL: the goal is not met');
    failed = problems.length > 0 || (!options.smoke && !met);
    if (!failed)
      console.log(
        'OK: goal met; every run made exactly the tasks, history rows, audit entries and outbox rows expected',
      );
  } catch (error) {
    failed = true;
    console.error(`[bench] FAILED: ${error.stack || error}`);
  } finally {
    await cleanup();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  // Bad arguments or a failed build: nothing has been started yet.
  console.error(`[bench] FAILED: ${error.message}`);
  process.exit(1);
});
