#!/usr/bin/env node
'use strict';
/**
 * Benchmark: smuggling networks at scale.
 * 1. Shared-identifier link proposals over 100,000 targets holding 300,000 identifiers (15,000 of them
 *    phone numbers shared by three targets each): GET /api/operations/:id/links/proposals through the
 *    API (median of 5, first page of 50 with the total) against a raw-SQL baseline sent straight
 *    through pg: the bare equality self-join on (operation, kind, normalised value) that finds the
 *    same pairs, with nothing left out, no page and no HTTP. Target: API under 2 s.
 * 2. GET /api/networks/:id/graph of a 500-member network (499 links, 100 shared phone numbers), as a
 *    coordinator and as a participating investigator (whose filter is the heavier): p50 / p99 over
 *    --requests sequential requests, beside the floor of any audited read (GET /api/networks/:id).
 *    Target: p99 under 300 ms. The load average is printed with the figures: on a shared machine the
 *    tail follows it.
 * Every figure is from the same run, on the same machine: compare the ratios, not absolute times.
 * Both requests' SQL is recorded: the graph must send GRAPH_STATEMENTS statements whatever the
 * network's size (no statement per member), the proposals PROPOSAL_STATEMENTS.
 *
 *   npm run bench:network-links [-- --no-build --runs 5 --requests 50 --smoke --explain]
 *
 * --smoke: 3,000 targets, 9,000 identifiers, a 200-member network, 5 requests: checks the answers
 * (pairs, nodes, edges) and the statements, not the goals. --explain prints the graph statement's plan
 * (EXPLAIN ANALYZE) as the API sent it.
 *
 * Needs Postgres (trust auth) and Redis; override with BENCH_PG_URL / REDIS_URL.
 */
const { execSync } = require('node:child_process');
const {
  ROOT,
  log,
  ensureBuilt,
  call,
  startDragnet,
  coordinatorToken,
  login,
  createUser,
  advanceOperation,
  withClient,
  parseOptions,
  percentile,
  formatTable,
  cleanupOnExit,
} = require('./lib/harness');

const os = require('node:os');

const DB_NAME = 'dragnet_bench_network_links';
const options = parseOptions(
  process.argv.slice(2),
  { runs: 5, requests: 50, explain: false },
  { smoke: { runs: 1, requests: 5 } },
);
const TARGETS = options.smoke ? 3_000 : 100_000;
const IDENTIFIERS = options.smoke ? 9_000 : 300_000;
/** Every 20th identifier is a phone number shared by three targets. */
const SHARED_EVERY = 20;
const SHARED_VALUES = IDENTIFIERS / SHARED_EVERY / 3;
/** At least 200: members 1-200 hold the network's 100 shared phone numbers, two each. */
const MEMBERS = options.smoke ? 200 : 500;
/** The graph: one statement for the picture, one for its audit entry (before 2026-12-02: five). */
const GRAPH_STATEMENTS = 2;
/** The proposals: the operation's need to know, the pairs, their targets, the audit entry. */
const PROPOSAL_STATEMENTS = 4;
/** The caller's token check, sent for any request alike: not counted. */
const TOKEN_CHECK = /^SELECT id, role, country FROM users WHERE id = \$1/;

/** The raw-SQL baseline: the pairs sharing a value, by a plain equality self-join. */
const BASELINE_SQL = `
SELECT count(*) AS pairs FROM (
  SELECT a.target_id, b.target_id AS other_id
  FROM identifiers a
  JOIN identifiers b ON b.operation_id = a.operation_id AND b.kind = a.kind AND b.normalised = a.normalised
   AND a.target_id < b.target_id
  WHERE a.operation_id = $1
  GROUP BY 1, 2
) pairs`;

async function seed(client, operationId, networkId) {
  const reference = (n) => `'NET-' || lpad((${n})::text, 6, '0')`;
  // Bulk rows straight in: no triggers or foreign-key checks for the load itself.
  await client.query(`SET session_replication_role = replica`);
  log(`seeding ${TARGETS} accepted targets`);
  await client.query(
    `INSERT INTO targets (operation_id, reference, family_name, nominating_country, wanted_by_country, status)
     SELECT $1, ${reference('n')}, 'Family ' || n, 'IT', (ARRAY['IT','GR','LY','TR'])[1 + n % 4], 'accepted'
       FROM generate_series(1, $2::int) AS n`,
    [operationId, TARGETS],
  );
  await client.query(`CREATE TEMP TABLE bench_targets AS
    SELECT id, substr(reference, 5)::int AS n FROM targets WHERE operation_id = '${operationId}'`);
  await client.query(`CREATE UNIQUE INDEX ON bench_targets (n)`);
  log(`seeding ${IDENTIFIERS} identifiers (${SHARED_VALUES} phone numbers shared by three targets each)`);
  // Unique values spread over every target; shared group g's three holders are far apart.
  await client.query(
    `INSERT INTO identifiers (operation_id, target_id, kind, value, normalised)
     SELECT $1, t.id, v.kind::identifier_kind, v.value, v.value
       FROM generate_series(1, $2::int) AS n
       CROSS JOIN LATERAL (SELECT n % $3::int = 0 AS shared, (n / $3::int) % $4::int AS grp, (n / $3::int) / $4::int AS holder) s
       CROSS JOIN LATERAL (SELECT
           CASE WHEN s.shared THEN 'phone' ELSE (ARRAY['travel_document','vehicle_plate','online_handle','money_transfer_account','vessel_name'])[1 + n % 5] END AS kind,
           CASE WHEN s.shared THEN '+2189' || lpad(s.grp::text, 8, '0') ELSE 'U' || n END AS value,
           CASE WHEN s.shared THEN 1 + (s.grp * 13 + s.holder * 31337) % $5::int ELSE 1 + (n - 1) % $5::int END AS target) v
       JOIN bench_targets t ON t.n = v.target`,
    [operationId, IDENTIFIERS, SHARED_EVERY, SHARED_VALUES, TARGETS],
  );
  log(`seeding a ${MEMBERS}-member network with ${MEMBERS - 1} links and 100 shared phone numbers`);
  await client.query(
    `INSERT INTO network_members (network_id, target_id, role, source_note)
     SELECT $1, t.id, (ARRAY['leader','organiser','recruiter','transporter_or_driver','boat_pilot','other'])[1 + t.n % 6]::network_member_role, 'Bench'
       FROM bench_targets t WHERE t.n <= $2`,
    [networkId, MEMBERS],
  );
  await client.query(
    `INSERT INTO target_links (operation_id, first_target_id, second_target_id, type, status, source_reliability, information_assessment)
     SELECT $1, least(a.id, b.id), greatest(a.id, b.id), 'associate', 'confirmed', 'B', 2
       FROM bench_targets a JOIN bench_targets b ON b.n = a.n + 1 WHERE a.n < $2`,
    [operationId, MEMBERS],
  );
  await client.query(
    `INSERT INTO identifiers (operation_id, target_id, kind, value, normalised)
     SELECT $1, t.id, 'phone', '+3933' || lpad((t.n % 100)::text, 8, '0'), '+3933' || lpad((t.n % 100)::text, 8, '0')
       FROM bench_targets t WHERE t.n <= 200`,
    [operationId],
  );
  await client.query(`SET session_replication_role = DEFAULT`);
  log('VACUUM ANALYZE');
  await client.query(`VACUUM ANALYZE targets, identifiers, network_members, target_links`);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(work) {
  const started = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

/** Median of `runs` after one warm-up. */
async function medianOf(runs, work) {
  await work();
  const times = [];
  let result;
  for (let run = 0; run < runs; run++) {
    const sample = await timed(work);
    times.push(sample.ms);
    result = sample.result;
  }
  return { ms: median(times), result };
}

async function latencies(requests, work) {
  await work();
  const times = [];
  for (let request = 0; request < requests; request++) times.push((await timed(work)).ms);
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), p99: percentile(times, 0.99) };
}

/** Fails the bench when a request sends another number of statements than it should. */
function expectStatements(what, all, expected) {
  const statements = all.filter((statement) => !TOKEN_CHECK.test(statement.text));
  const texts = statements.map((statement, n) => `    ${n + 1}. ${statement.text.slice(0, 160)}`).join('\n');
  if (statements.length !== expected)
    throw new Error(`${what}: ${statements.length} statements, expected ${expected}:\n${texts}`);
  log(`${what}: ${statements.length} statements besides the token check, as expected`);
}

async function main() {
  if (options.build) {
    log('npm run build');
    execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
  }
  ensureBuilt(false);

  const dragnet = await startDragnet(DB_NAME);
  const cleanup = cleanupOnExit(() => dragnet.stop());
  try {
    const token = await coordinatorToken(dragnet);
    const operation = (
      await call(dragnet.base, 'POST', '/operations', { token, body: { code: 'NET-BENCH', name: 'Network bench' } })
    ).json;
    for (const country of ['IT', 'GR', 'LY', 'TR'])
      await call(dragnet.base, 'POST', `/operations/${operation.id}/participants`, {
        token,
        body: { country, roles: ['transit'], ncbName: `NCB ${country}`, focalPointEmails: [`fp@${country}.example`] },
      });
    await advanceOperation(dragnet.base, token, operation.id, 'active');
    const network = (
      await call(dragnet.base, 'POST', `/operations/${operation.id}/networks`, {
        token,
        body: { name: 'Bench network', modiOperandi: ['sea_crossing', 'hawala'], transitCountries: ['LY'] },
      })
    ).json;
    await withClient(dragnet.databaseUrl, (client) => seed(client, operation.id, network.id));
    const adminToken = await login(dragnet.base, dragnet.admin.email, dragnet.admin.password);
    const investigator = { email: 'bench-investigator@dragnet.example', password: 'tangerine lighthouse 43' };
    await createUser(dragnet.base, adminToken, { ...investigator, role: 'investigator', country: 'GR' });
    const investigatorToken = await login(dragnet.base, investigator.email, investigator.password);

    const proposalsPath = `/operations/${operation.id}/links/proposals?limit=50`;
    const api = await medianOf(
      options.runs,
      async () => (await call(dragnet.base, 'GET', proposalsPath, { token })).json,
    );
    const baseline = await withClient(dragnet.databaseUrl, (client) =>
      medianOf(options.runs, async () => (await client.query(BASELINE_SQL, [operation.id])).rows[0]),
    );
    const expectedPairs = SHARED_VALUES * 3 + 100;
    if (api.result.total !== expectedPairs || Number(baseline.result.pairs) !== expectedPairs)
      throw new Error(`expected ${expectedPairs} pairs; API ${api.result.total}, baseline ${baseline.result.pairs}`);

    const proposalStatements = await dragnet.statements.record(() =>
      call(dragnet.base, 'GET', proposalsPath, { token }),
    );
    expectStatements('GET .../links/proposals', proposalStatements.statements, PROPOSAL_STATEMENTS);

    const graphPath = `/networks/${network.id}/graph`;
    const recorded = await dragnet.statements.record(
      async () => (await call(dragnet.base, 'GET', graphPath, { token })).json,
    );
    const graph = recorded.result;
    const count = (list, kind) => list.filter((item) => item.kind === kind).length;
    // The network, its members and the 100 phone numbers members 1-200 share two by two; a membership
    // each, a link between each two neighbours, two holders of each shared number.
    const expected = {
      target: MEMBERS,
      identifier: 100,
      membership: MEMBERS,
      link: MEMBERS - 1,
      shared_identifier: 200,
    };
    const got = {
      target: count(graph.nodes, 'target'),
      identifier: count(graph.nodes, 'identifier'),
      membership: count(graph.edges, 'membership'),
      link: count(graph.edges, 'link'),
      shared_identifier: count(graph.edges, 'shared_identifier'),
    };
    if (JSON.stringify(got) !== JSON.stringify(expected))
      throw new Error(`graph: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
    expectStatements('GET /networks/:id/graph', recorded.statements, GRAPH_STATEMENTS);
    if (options.explain) {
      // --explain: the graph's statement as Postgres runs it (where its time goes, JIT included).
      const [picture] = recorded.statements.filter((statement) => !TOKEN_CHECK.test(statement.text));
      const plan = await withClient(dragnet.databaseUrl, (client) =>
        client.query(`EXPLAIN (ANALYZE, BUFFERS) ${picture.text}`, picture.values),
      );
      console.log(plan.rows.map((row) => row['QUERY PLAN']).join('\n'));
    }
    const investigatorGraph = (await call(dragnet.base, 'GET', graphPath, { token: investigatorToken })).json;
    // Greece reads the accepted targets of an operation it takes part in: all of them.
    if (count(investigatorGraph.nodes, 'target') !== MEMBERS)
      throw new Error(
        `investigator's graph has ${count(investigatorGraph.nodes, 'target')} members, expected ${MEMBERS}`,
      );
    const loadBefore = os.loadavg();
    const asCoordinator = await latencies(options.requests, () => call(dragnet.base, 'GET', graphPath, { token }));
    const asInvestigator = await latencies(options.requests, () =>
      call(dragnet.base, 'GET', graphPath, { token: investigatorToken }),
    );
    // The floor of any audited read through the API on this machine now: one network, same caller.
    const floor = await latencies(options.requests, () =>
      call(dragnet.base, 'GET', `/networks/${network.id}`, { token: investigatorToken }),
    );

    const ms = (value) => value.toFixed(1);
    console.log(
      `\nLink proposals: ${TARGETS} targets, ${IDENTIFIERS} identifiers, ${expectedPairs} pairs (median of ${options.runs})`,
    );
    console.log(
      formatTable(
        ['measure', 'ms', 'x baseline'],
        [
          ['raw SQL baseline (bare self-join)', ms(baseline.ms), '1.00'],
          ['GET .../links/proposals (API)', ms(api.ms), (api.ms / baseline.ms).toFixed(2)],
        ],
      ),
    );
    if (!options.smoke) console.log(`target: API under 2000 ms -> ${api.ms < 2000 ? 'met' : 'NOT met'}`);
    console.log(
      `\nNetwork graph: ${MEMBERS} members, ${graph.nodes.length} nodes, ${graph.edges.length} edges (${options.requests} requests)`,
    );
    console.log(
      formatTable(
        ['caller', 'p50 ms', 'p95 ms', 'p99 ms'],
        [
          ['coordinator', ms(asCoordinator.p50), ms(asCoordinator.p95), ms(asCoordinator.p99)],
          ['investigator', ms(asInvestigator.p50), ms(asInvestigator.p95), ms(asInvestigator.p99)],
          ['floor: GET /networks/:id (investigator)', ms(floor.p50), ms(floor.p95), ms(floor.p99)],
        ],
      ),
    );
    const load = (values) => values.map((value) => value.toFixed(2)).join(' ');
    console.log(
      `load average (1, 5, 15 min): before the graph runs ${load(loadBefore)}, after ${load(os.loadavg())}; ${os.cpus().length} CPUs`,
    );
    const worst = Math.max(asCoordinator.p99, asInvestigator.p99);
    if (options.smoke) console.log('smoke run: answers and statements checked; the goals are not judged');
    else console.log(`target: p99 under 300 ms -> ${worst < 300 ? 'met' : 'NOT met'}`);
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
