#!/usr/bin/env node
'use strict';
/**
 * Benchmark: name search, GET /api/operations/:id/targets?q=... as a coordinator, against the same
 * statements sent straight through pg (one client per search in flight, no HTTP) in the same run: the
 * user reload, the operation, the page of matches, their count, the `target.list` read-audit entry, their
 * notice requests. The statements (and their values) of one search are captured on both sides and must be
 * identical (the API is given the request id the raw side writes in the audit entry).
 * Measured with 1 and 4 searches in flight, over growing numbers of targets (10,000, 100,000, ...
 * up to --targets), so the growth with size shows. Goal: Dragnet p99 at most 1.2 × raw pg's at the
 * largest size, with 1 and 4 in flight (not judged with --smoke).
 *
 *   npm run bench:target-search [-- --no-build --targets 100000 --requests 1000 --warmup 100 --profile --smoke]
 *
 * --profile: CPU-profiles the API during its searches at the largest size, 1 in flight, and prints where
 * its time goes. Each line also shows the API's CPU per search (from /proc), the Node cost beside the SQL.
 */
const { Client } = require('pg');
const {
  log,
  ensureBuilt,
  call,
  startDragnet,
  coordinatorToken,
  percentile,
  parseOptions,
  ownStatements,
  assertSameStatements,
  formatTable,
  growthTable,
  processCpuMs,
  summariseCpuProfile,
  cleanupOnExit,
  withClient,
} = require('./lib/harness');
const { loadDomain } = require('./lib/domain');

const MAX_RATIO = 1.2;
const IN_FLIGHT = [1, 4];
const PAGE = 50;

const GIVEN = [
  'Mohammed',
  'Muhammad',
  'Mohamed',
  'Ahmed',
  'Ahmad',
  'Youssef',
  'Yusuf',
  'Omar',
  'Umar',
  'Ibrahim',
  'Ebrahim',
  'Khaled',
  'Khalid',
  'Hassan',
  'Hussein',
  'Ali',
  'Abdel',
  'Abdul',
  'Mustafa',
  'Mostafa',
  'Karim',
  'Samir',
  'Tariq',
  'Tarek',
  'Bilal',
  'Amir',
  'Nabil',
  'Rami',
  'Fadi',
  'Walid',
  'Osman',
  'Usman',
  'Jamal',
  'Gamal',
  'Said',
  'Saeed',
  'Hamza',
  'Idris',
  'Anas',
  'Zakaria',
];
const FAMILY = [
  'Al Masri',
  'Almasri',
  'El-Masry',
  'Haddad',
  'Hadad',
  'Benali',
  'Ben Ali',
  'Mansour',
  'Mansur',
  'Khoury',
  'Kouri',
  'Nasser',
  'Nasir',
  'Saleh',
  'Salih',
  'Hamdan',
  'Othman',
  'Osman',
  'Darwish',
  'Derviş',
  'Yilmaz',
  'Demir',
  'Kaya',
  'Celik',
  'Sahin',
  'Tesfaye',
  'Haile',
  'Abebe',
  'Tekle',
  'Gebre',
  'Diallo',
  'Traore',
  'Kone',
  'Toure',
  'Camara',
  'Popescu',
  'Ionescu',
  'Hoxha',
  'Krasniqi',
  'Berisha',
];
const COUNTRIES = ['IT', 'GR', 'ES', 'DE', 'FR', 'TR', 'LY', 'EG', 'NG', 'ER'];

/** A deterministic pseudo-random generator, so every run searches the same data. */
function random(seed) {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/** Targets `from`..`to` - 1, named from the lists above, with the search fields Dragnet stores. */
async function seedTargets(databaseUrl, operationId, from, to) {
  const { searchNames, nameKeys } = loadDomain();
  const next = random(42 + from);
  const pick = (list) => list[Math.floor(next() * list.length)];
  await withClient(databaseUrl, async (client) => {
    const chunk = 5_000;
    for (let start = from; start < to; start += chunk) {
      const rows = [];
      for (let index = start; index < Math.min(to, start + chunk); index++) {
        const given = `${pick(GIVEN)} ${next() < 0.3 ? pick(GIVEN) : ''}`.trim();
        const family = pick(FAMILY);
        const aliases = next() < 0.3 ? [`Abu ${pick(GIVEN)}`] : [];
        rows.push({
          reference: `BENCH-${String(index + 1).padStart(7, '0')}`,
          family,
          given,
          aliases,
          country: pick(COUNTRIES),
          search_names: searchNames(family, given, aliases),
          name_keys: nameKeys(family, given, aliases),
        });
      }
      await client.query(
        `INSERT INTO targets (operation_id, reference, family_name, given_names, aliases, nominating_country,
                              wanted_by_country, status, search_names, name_keys)
         SELECT $1, r.reference, r.family, r.given, r.aliases, r.country, r.country, 'accepted', r.search_names, r.name_keys
           FROM jsonb_to_recordset($2::jsonb) AS r(reference text, family text, given text, aliases text[], country text,
                search_names text, name_keys text[])`,
        [operationId, JSON.stringify(rows)],
      );
    }
    await client.query('ANALYZE targets');
  });
}

const columns = (alias, names) => names.map((name) => `"${alias}"."${name}" AS "${alias}_${name}"`).join(', ');
const TARGET_COLUMNS = [
  'id', 'operation_id', 'reference', 'status', 'family_name', 'given_names', 'aliases', 'sex', 'birth_date',
  'birth_year', 'place_of_birth', 'country_of_birth', 'nationalities', 'languages', 'identity_documents', 'height_cm',
  'weight_kg', 'eye_colour', 'hair_colour', 'distinguishing_marks', 'photograph_reference', 'fingerprints_reference',
  'nominating_country', 'nominating_reference', 'wanted_by_country', 'offence_categories', 'smuggling_role',
  'network_name', 'priority', 'believed_in', 'public_appeal', 'located_country', 'located_at', 'arrested_country',
  'arrested_at', 'merged_into_id', 'search_names', 'name_keys', 'created_by', 'created_at', 'updated_at', 'version',
]; // prettier-ignore
const OPERATION_COLUMNS = [
  'id', 'code', 'name', 'crime_focus', 'description', 'nomination_opens_on', 'operational_start', 'operational_end',
  'status', 'investigator_exports_allowed', 'created_by', 'created_at', 'updated_at', 'version',
]; // prettier-ignore
const REQUEST_COLUMNS = [
  'id', 'operation_id', 'target_id', 'type', 'status', 'requesting_country', 'requested_by', 'article3_attested',
  'summary', 'justification', 'recipients', 'recipients_all', 'submitted_at', 'reference', 'published_at',
  'expires_at', 'retention_review_due', 'suspended_at', 'suspension_ends', 'created_at', 'updated_at', 'version',
]; // prettier-ignore
// The statements of one search as Dragnet sends them (AuthService.authenticate, OperationAccess.loadVisible,
// TargetsService.list with getManyAndCount, summariseRequests); the bench checks they are still the same.
const USER_SQL = `SELECT id, role, country FROM users WHERE id = $1 AND active AND token_generation = $2 AND NOT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = $3)`;
const OPERATION_SQL = `SELECT ${columns('operation', OPERATION_COLUMNS)} FROM "operations" "operation" WHERE "operation"."id" = $1`;
const MATCHES = `FROM "targets" "target" WHERE "target"."merged_into_id" IS NULL AND "target"."operation_id" = $2 AND "target"."name_keys" @> $3::text[]`;
const PAGE_SQL =
  `SELECT ${columns('target', TARGET_COLUMNS)}, similarity(lower("target"."given_names" || ' ' || "target"."family_name"), $1) AS "relevance" ` +
  `${MATCHES} ORDER BY "relevance" DESC, "target"."reference" ASC LIMIT ${PAGE} OFFSET 0`;
const COUNT_SQL = `SELECT COUNT(1) AS "cnt" ${MATCHES.replace('$2', '$1').replace('$3', '$2')}`;
const AUDIT_SQL = `INSERT INTO audit_entries (actor_id, actor_role, actor_country, action, entity_type, entity_id, before, after, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)`;
const requestsSql = (count) =>
  `SELECT ${columns('request', REQUEST_COLUMNS)} FROM "notice_requests" "request" WHERE "request"."target_id" IN ` +
  `(${Array.from({ length: count }, (_, i) => `$${i + 1}`).join(', ')}) AND TRUE ORDER BY "request"."created_at" DESC, "request"."id" DESC`;

/** The raw-pg side of one search: the same statements with the same values, in the same order. */
function rawSearch(client, claims, operationId, query, requestId) {
  const { foldName, searchKeys } = loadDomain();
  return async () => {
    const {
      rows: [user],
    } = await client.query(USER_SQL, [claims.sub, claims.gen, claims.jti]);
    await client.query(OPERATION_SQL, [operationId]);
    const keys = searchKeys(query);
    const { rows } = await client.query(PAGE_SQL, [foldName(query), operationId, keys]);
    // TypeORM counts only when the page is full (or not the first).
    if (rows.length === PAGE) await client.query(COUNT_SQL, [operationId, keys]);
    // Every list shown is audited: one entry naming the targets on the page and the query.
    if (rows.length > 0) {
      const details = JSON.stringify({ targetIds: rows.map((row) => row.target_id), q: query });
      await client.query(AUDIT_SQL, [
        user.id,
        user.role,
        user.country,
        'target.list',
        'operation',
        operationId,
        null,
        details,
        requestId,
      ]);
    }
    if (rows.length > 0)
      await client.query(
        requestsSql(rows.length),
        rows.map((row) => row.target_id),
      );
  };
}

/** Runs `requests` searches with `inFlight` at once; `run(worker, query)`; returns sorted latencies in ms. */
async function timeCalls(queries, requests, inFlight, run) {
  const latencies = [];
  let issued = 0;
  const worker = async (n) => {
    while (issued < requests) {
      const query = queries[issued++ % queries.length];
      const started = process.hrtime.bigint();
      await run(n, query);
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, (_, n) => worker(n)));
  return latencies.sort((a, b) => a - b);
}

async function main() {
  const options = parseOptions(
    process.argv.slice(2),
    { targets: 100_000, requests: 1_000, warmup: 100 },
    { smoke: { targets: 2_000, requests: 30, warmup: 10 }, profile: true },
  );
  ensureBuilt(options.build);
  const sizes = [...[10_000, 100_000, 1_000_000].filter((size) => size < options.targets), options.targets];
  let dragnet;
  const clients = [];
  const cleanup = cleanupOnExit(async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    await dragnet?.stop();
  });
  let failed = false;
  try {
    dragnet = await startDragnet('dragnet_bench_search', { profile: options.profile ? 'target-search' : null });
    const token = await coordinatorToken(dragnet);
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url'));
    const { json: operation } = await call(dragnet.base, 'POST', '/operations', {
      token,
      body: { code: 'HYDRA-2016', name: 'Operation Hydra' },
    });
    const next = random(7);
    const variants = {
      Mohammed: 'Mohamad',
      Youssef: 'Yousef',
      Khaled: 'Chaled',
      Almasri: 'Al-Masry',
      Haddad: 'Hadad',
      Mansour: 'Mansoor',
    };
    const queries = Array.from({ length: 200 }, () => {
      const given = GIVEN[Math.floor(next() * GIVEN.length)];
      const family = FAMILY[Math.floor(next() * FAMILY.length)];
      return `${variants[given] ?? given} ${variants[family] ?? family}`;
    });
    for (let n = 0; n < Math.max(...IN_FLIGHT); n++) {
      const client = new Client({ connectionString: dragnet.databaseUrl });
      await client.connect();
      clients.push(client);
    }
    // Each search carries a request id (the API takes a caller's), so both sides audit the same values.
    let searches = 0;
    const viaApi = async (_, q, requestId = `bench-search-${++searches}`) => {
      const response = await fetch(`${dragnet.base}/operations/${operation.id}/targets?q=${encodeURIComponent(q)}`, {
        headers: { authorization: `Bearer ${token}`, 'x-request-id': requestId },
      });
      if (response.status !== 200) throw new Error(`search answered ${response.status}: ${await response.text()}`);
      return response.json();
    };
    const raw = (n, q, requestId = `bench-search-${++searches}`) =>
      rawSearch(clients[n], claims, operation.id, q, requestId)();

    const results = [];
    let seeded = 0;
    for (const size of sizes) {
      log(`seeding targets ${seeded + 1} to ${size}`);
      await seedTargets(dragnet.databaseUrl, operation.id, seeded, size);
      seeded = size;
      // Both sides must send the same statements with the same values, for a full page and a short one.
      for (const q of ['Mohamed Al-Masry', 'Zakaria Popescu']) {
        const requestId = `bench-search-check-${size}-${q.length}`;
        const api = await dragnet.statements.record(() => viaApi(0, q, requestId));
        const own = await ownStatements().record(() => raw(0, q, requestId));
        assertSameStatements(`search "${q}" over ${size} targets`, api.statements, own.statements);
        const values = (list) => JSON.stringify(list.map((statement) => statement.values));
        if (values(api.statements) !== values(own.statements))
          throw new Error(
            `search "${q}": the values differ\n  dragnet:  ${values(api.statements)}\n  raw pg:   ${values(own.statements)}`,
          );
        if (size === sizes[0]) log(`"${q}" matches ${api.result.total} targets`);
      }
      for (const inFlight of IN_FLIGHT) {
        log(`${size} targets, ${inFlight} in flight: warming up, then ${options.requests} searches each`);
        await timeCalls(queries, options.warmup, inFlight, viaApi);
        await timeCalls(queries, options.warmup, inFlight, raw);
        const profiling = options.profile && size === options.targets && inFlight === 1;
        if (profiling) await dragnet.profiler.start(dragnet.child);
        const cpuBefore = processCpuMs(dragnet.child.pid);
        const api = await timeCalls(queries, options.requests, inFlight, viaApi);
        const cpuMs = (processCpuMs(dragnet.child.pid) - cpuBefore) / options.requests;
        const profile = profiling ? await dragnet.profiler.stop() : null;
        const pg = await timeCalls(queries, options.requests, inFlight, raw);
        results.push({ size, inFlight, api, pg, cpuMs, profile });
      }
    }

    const ms = (list, fraction) => percentile(list, fraction).toFixed(1);
    console.log(
      `\nName search, ${options.requests} requests per line, 200 distinct queries; raw pg = the same statements and values`,
    );
    console.log(
      formatTable(
        [
          'targets',
          'in flight',
          'dragnet p50',
          'p95',
          'p99',
          'raw pg p50',
          'p95',
          'p99',
          'p99 ratio',
          'API CPU ms/search',
        ],
        results.map((r) => [
          r.size.toLocaleString('en'),
          r.inFlight,
          ms(r.api, 0.5),
          ms(r.api, 0.95),
          ms(r.api, 0.99),
          ms(r.pg, 0.5),
          ms(r.pg, 0.95),
          ms(r.pg, 0.99),
          (percentile(r.api, 0.99) / percentile(r.pg, 0.99)).toFixed(2),
          r.cpuMs.toFixed(2),
        ]),
      ),
    );
    for (const inFlight of IN_FLIGHT) {
      console.log('');
      console.log(
        growthTable(
          `Growth with size, ${inFlight} in flight: Dragnet p99 (raw pg p99 alongside)`,
          { sizeLabel: 'targets', costLabel: 'p99 ms', unit: { name: '100k targets', per: 100_000 } },
          results
            .filter((r) => r.inFlight === inFlight)
            .map((r) => ({ size: r.size, cost: percentile(r.api, 0.99), raw: ms(r.pg, 0.99) })),
          [{ key: 'raw', header: 'raw pg p99 ms' }],
        ),
      );
    }
    for (const r of results.filter((r) => r.profile))
      console.log(`\nCPU profile of the API, ${r.size} targets, 1 in flight:\n${summariseCpuProfile(r.profile, 25)}`);
    const largest = results.filter((r) => r.size === options.targets);
    const missed = largest.filter((r) => percentile(r.api, 0.99) / percentile(r.pg, 0.99) > MAX_RATIO);
    console.log('');
    if (options.smoke) console.log('smoke run: statements and values checked; the ratio goal is not judged');
    else if (missed.length > 0) {
      failed = true;
      console.log(`FAIL: p99 ratio above ${MAX_RATIO} with ${missed.map((r) => r.inFlight).join(' and ')} in flight`);
    } else console.log(`OK: p99 within ${MAX_RATIO} × raw pg with ${IN_FLIGHT.join(' and ')} in flight`);
  } catch (error) {
    failed = true;
    console.error(`[bench] FAILED: ${error.stack || error}`);
  } finally {
    await cleanup();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(`[bench] FAILED: ${error.message}`);
  process.exit(1);
});
