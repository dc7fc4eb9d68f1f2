#!/usr/bin/env node
'use strict';
/**
 * Benchmark: POST /api/operations/:id/targets/import with generated targets (CSV) against the indexed
 * floor: the same rows inserted server-side, in set-based SQL and one transaction, into copies of
 * `targets` (its indexes, checks and foreign key), `target_status_changes` and `audit_entries`. No
 * import can write those rows faster. For reference also a raw COPY of the CSV into a plain table.
 * Imports 10,000, 100,000, ... up to --rows (each into a fresh operation), so the growth with size
 * shows; judges the largest. Goal: import at most 2 × the floor, API peak RSS (VmHWM) under 300 MB.
 * Checked: Dragnet writes the tables the floor writes (its statements are captured).
 *
 *   npm run bench:target-import [-- --no-build --rows 100000 --profile --smoke]
 *
 * --profile: CPU-profiles the API during the largest import and prints where its time goes.
 * --smoke: 2,000 rows; checks the import, the counts and the statements, not the goals.
 *
 * Needs Postgres (trust auth) and Redis; override with BENCH_PG_URL / REDIS_URL.
 */
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');
const { Client } = require('pg');
const { from: copyFrom } = require('pg-copy-streams');
const {
  log,
  ensureBuilt,
  call,
  startDragnet,
  coordinatorToken,
  summariseCpuProfile,
  parseOptions,
  growthTable,
  formatTable,
  cleanupOnExit,
  withClient,
} = require('./lib/harness');

const DATABASE = 'dragnet_bench_target_import';
const MAX_RATIO = 2;
const MAX_RSS_MB = 300;

const GIVEN = ['Mohammed', 'Muhammad', 'Ahmed', 'Youssef', 'Yusuf', 'Omar', 'Ibrahim', 'Khaled', 'Hassan', 'Ali'];
const MORE_GIVEN = ['Abdel', 'Mustafa', 'Karim', 'Samir', 'Tariq', 'Bilal', 'Amir', 'Nabil', 'Walid', 'Hamza'];
const FAMILY = [
  'Al Masri',
  'El-Masry',
  'Haddad',
  'Benali',
  'Mansour',
  'Khoury',
  'Nasser',
  'Saleh',
  'Darwish',
  'Yılmaz',
  'Demir',
  'Tesfaye',
  'Haile',
  'Diallo',
  'Traoré',
  'Popescu',
  'Hoxha',
  'Krasniqi',
  'Berisha',
  'Ionescu',
];
const PLACES = ['Alexandria', 'Tripoli', 'Zuwara', 'Asmara', 'Lagos', 'Izmir', 'Tirana', 'Bucharest', 'Dakar', 'Sfax'];
const COUNTRIES = ['EG', 'LY', 'ER', 'NG', 'TR', 'AL', 'RO', 'SN', 'TN', 'SY', 'IQ', 'AF'];
const NOMINATING = ['IT', 'GR', 'ES', 'DE', 'FR', 'NL', 'AT', 'MT'];
const LANGUAGES = ['Arabic', 'English', 'French', 'Tigrinya', 'Turkish', 'Albanian', 'Romanian', 'Italian'];
const COLOURS = ['brown', 'black', 'green', 'blue', 'hazel', 'grey'];
const MARKS = ['', '', '', 'scar above the left eyebrow', 'tattoo of an anchor, right forearm', 'limps, left leg'];
const OFFENCES = ['migrant_smuggling', 'human_trafficking', 'document_fraud', 'money_laundering', 'organised_crime'];
const ROLES = ['organiser', 'facilitator', 'transporter', 'document_forger', 'harbourer', 'recruiter', ''];
const NETWORKS = ['', 'Zuwara network', 'Izmir boats', 'Balkan route cell', 'Agadez transport ring'];
const PRIORITIES = ['high', 'medium', 'medium', 'low'];
const COLUMNS = [
  'nominating_reference',
  'family_name',
  'given_names',
  'aliases',
  'sex',
  'birth_date',
  'birth_year',
  'place_of_birth',
  'country_of_birth',
  'nationalities',
  'languages',
  'document_type',
  'document_number',
  'document_issuing_country',
  'height_cm',
  'weight_kg',
  'eye_colour',
  'hair_colour',
  'distinguishing_marks',
  'nominating_country',
  'wanted_by_country',
  'offence_categories',
  'smuggling_role',
  'network_name',
  'network',
  'priority',
  'believed_in',
  'public_appeal',
];

/** A deterministic pseudo-random generator, so every run imports the same file. */
function random(seed) {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

const csvCell = (value) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Writes `count` realistic targets as import CSV; returns the file's size and how many rows name a network. */
async function writeCsv(file, count) {
  const next = random(2016);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const some = (list, max) => [...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(list)))];
  const out = fs.createWriteStream(file);
  out.write(`${COLUMNS.join(',')}\r\n`);
  let members = 0;
  for (let index = 1; index <= count; index++) {
    const nominating = pick(NOMINATING);
    const year = 1960 + Math.floor(next() * 45);
    const fullDate = next() < 0.7;
    const date = `${year}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
    const hasDocument = next() < 0.6;
    const country = pick(COUNTRIES);
    const network = pick(NETWORKS);
    if (network) members++;
    const row = [
      `${nominating}-${2010 + (index % 7)}-${String(index).padStart(6, '0')}`,
      pick(FAMILY),
      next() < 0.3 ? `${pick(GIVEN)} ${pick(MORE_GIVEN)}` : pick(GIVEN),
      next() < 0.4 ? some([`Abu ${pick(GIVEN)}`, `${pick(GIVEN)} ${pick(FAMILY)}`, pick(MORE_GIVEN)], 2).join(';') : '',
      next() < 0.9 ? 'M' : pick(['F', 'U']),
      fullDate ? date : '',
      fullDate ? String(year) : next() < 0.5 ? String(year) : '',
      next() < 0.6 ? pick(PLACES) : '',
      country,
      some(COUNTRIES, 2).join(';'),
      some(LANGUAGES, 3).join(';'),
      hasDocument ? pick(['passport', 'national_id', 'residence_permit']) : '',
      hasDocument ? `${pick(['A', 'P', 'X', 'N'])}${Math.floor(next() * 1e8)}` : '',
      hasDocument ? country : '',
      next() < 0.5 ? String(150 + Math.floor(next() * 50)) : '',
      next() < 0.4 ? String(50 + Math.floor(next() * 60)) : '',
      next() < 0.5 ? pick(COLOURS) : '',
      next() < 0.5 ? pick(COLOURS) : '',
      pick(MARKS),
      nominating,
      next() < 0.8 ? nominating : pick(NOMINATING),
      some(OFFENCES, 2).join(';'),
      pick(ROLES),
      network,
      // The network the target is imported into (a member of it): the one the row names, four in all.
      network,
      pick(PRIORITIES),
      next() < 0.7 ? some(COUNTRIES, 3).join(';') : '',
      next() < 0.1 ? 'yes' : 'no',
    ];
    if (!out.write(`${row.map(csvCell).join(',')}\r\n`)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  return { bytes: fs.statSync(file).size, members };
}

/** Peak and current resident memory of a process, in MB (Linux /proc). */
function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peak: kb('VmHWM') / 1024, current: kb('VmRSS') / 1024 };
}

/** Streams the file to the import route; resolves with the status, the parsed body and the wall time. */
function postFile(base, operationId, token, file) {
  const url = new URL(`${base}/operations/${operationId}/targets/import`);
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'text/csv',
          'content-length': fs.statSync(file).size,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          resolve({ status: response.statusCode, body: text ? JSON.parse(text) : undefined, seconds });
        });
      },
    );
    request.on('error', reject);
    fs.createReadStream(file).on('error', reject).pipe(request);
  });
}

/** The baseline: the same CSV into a plain table of text columns through COPY, timed from the first byte sent. */
async function copyBaseline(databaseUrl, file) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS bench_copy_baseline');
    await client.query(`CREATE TABLE bench_copy_baseline (${COLUMNS.map((name) => `${name} text`).join(', ')})`);
    const started = process.hrtime.bigint();
    const copy = client.query(copyFrom(`COPY bench_copy_baseline FROM STDIN (FORMAT csv, HEADER true)`));
    await pipeline(fs.createReadStream(file), copy);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { seconds, rows: copy.rowCount };
  } finally {
    await client.query('DROP TABLE IF EXISTS bench_copy_baseline').catch(() => undefined);
    await client.end();
  }
}

/** The tables a list of statements inserts into (temporary staging tables aside). */
const writtenTables = (statements) =>
  [...new Set(statements.flatMap(({ text }) => [...text.matchAll(/INSERT INTO "?(\w+)"?/g)].map((m) => m[1])))]
    .filter((table) => !table.startsWith('target_import'))
    .sort();

/** Copies of the written tables, with their indexes, checks and foreign keys (to the copies). */
const FLOOR_TABLES = ['targets', 'target_status_changes', 'networks', 'network_members', 'audit_entries'];

/**
 * The floor: the rows the import wrote (targets, their history rows, the networks the `network` column
 * named and their members, the audit entries of all of them) inserted again, set-based and in one
 * transaction, into copies of their tables. Times it; returns the rows written per table and the
 * statements' tables, for the check against Dragnet's.
 */
async function indexedFloor(databaseUrl, operationId) {
  return withClient(databaseUrl, async (client) => {
    for (const table of FLOOR_TABLES) {
      await client.query(`DROP TABLE IF EXISTS floor_${table} CASCADE`);
      await client.query(`CREATE TABLE floor_${table} (LIKE ${table} INCLUDING ALL)`);
    }
    // The real tables' foreign keys, no more and no fewer, pointing at the copies where they are copied.
    const { rows: keys } = await client.query(
      `SELECT conrelid::regclass::text AS "table", pg_get_constraintdef(oid) AS definition
         FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY($1)`,
      [FLOOR_TABLES],
    );
    for (const { table, definition } of keys) {
      const copied = definition.replace(/REFERENCES (\w+)\(/, (match, referenced) =>
        FLOOR_TABLES.includes(referenced) ? `REFERENCES floor_${referenced}(` : match,
      );
      await client.query(`ALTER TABLE floor_${table} ADD ${copied}`);
    }
    await client.query('CHECKPOINT');
    // The rows to write, read out first (untimed), so the floor times the writes alone.
    await client.query('CREATE TEMP TABLE source_targets AS SELECT * FROM targets WHERE operation_id = $1', [
      operationId,
    ]);
    await client.query(`CREATE TEMP TABLE source_target_status_changes AS SELECT c.* FROM target_status_changes c
                         JOIN source_targets t ON t.id = c.target_id`);
    await client.query('CREATE TEMP TABLE source_networks AS SELECT * FROM networks WHERE operation_id = $1', [
      operationId,
    ]);
    await client.query(`CREATE TEMP TABLE source_network_members AS SELECT m.* FROM network_members m
                         JOIN source_targets t ON t.id = m.target_id`);
    await client.query(`CREATE TEMP TABLE source_audit_entries AS
                        SELECT a.* FROM audit_entries a JOIN source_targets t ON a.entity_id = t.id::text
                         WHERE a.entity_type = 'target' AND a.action = 'target.import_create'
                        UNION ALL
                        SELECT a.* FROM audit_entries a JOIN source_networks n ON a.entity_id = n.id::text
                         WHERE a.entity_type = 'network' AND a.action IN ('network.create', 'network.member.add')`);
    const statements = FLOOR_TABLES.map((table) => [`INSERT INTO floor_${table} SELECT * FROM source_${table}`, []]);
    try {
      const started = process.hrtime.bigint();
      await client.query('BEGIN');
      const counts = {};
      for (const [index, [sql, values]] of statements.entries())
        counts[FLOOR_TABLES[index]] = (await client.query(sql, values)).rowCount;
      await client.query('COMMIT');
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      return { seconds, counts, tables: writtenTables(statements.map(([text]) => ({ text }))) };
    } finally {
      for (const table of [...FLOOR_TABLES].reverse()) {
        await client.query(`DROP TABLE IF EXISTS floor_${table}`);
        await client.query(`DROP TABLE IF EXISTS source_${table}`);
      }
    }
  });
}

/** One import of `rows` generated targets into a fresh operation, with the floor and the checks. */
async function importOnce(dragnet, token, rows, file, profiling) {
  const { bytes, members } = await writeCsv(file, rows);
  const { json: operation } = await call(dragnet.base, 'POST', '/operations', {
    token,
    body: { code: `HYDRA-${rows}`, name: `Operation Hydra ${rows}` },
  });
  const copies = [];
  for (let run = 0; run < 2; run++) copies.push(await copyBaseline(dragnet.databaseUrl, file));
  if (copies.some((copy) => copy.rows !== rows)) throw new Error('COPY did not load every row');
  await withClient(dragnet.databaseUrl, (client) => client.query('CHECKPOINT'));

  log(`importing ${rows} rows (${(bytes / 1024 / 1024).toFixed(1)} MB)`);
  if (profiling) await dragnet.profiler.start(dragnet.child);
  const { result, statements } = await dragnet.statements.record(() =>
    postFile(dragnet.base, operation.id, token, file),
  );
  const profile = profiling ? await dragnet.profiler.stop() : null;
  const memory = memoryOf(dragnet.child.pid);
  if (result.status !== 200 || result.body.created !== rows || result.body.errorCount !== 0)
    throw new Error(`import answered ${result.status}: ${JSON.stringify(result.body).slice(0, 500)}`);
  const floor = await indexedFloor(dragnet.databaseUrl, operation.id);
  const { counts } = floor;
  const expected = {
    targets: rows,
    target_status_changes: rows,
    networks: NETWORKS.filter(Boolean).length,
    network_members: members,
    audit_entries: rows + NETWORKS.filter(Boolean).length + members,
  };
  if (FLOOR_TABLES.some((table) => counts[table] !== expected[table]))
    throw new Error(`written: ${JSON.stringify(counts)}; expected ${JSON.stringify(expected)}`);
  const dragnetTables = writtenTables(statements);
  if (dragnetTables.join() !== floor.tables.map((table) => table.replace(/^floor_/, '')).join())
    throw new Error(`Dragnet's import writes ${dragnetTables.join(', ')}; the floor writes ${floor.tables.join(', ')}`);
  return {
    rows,
    bytes,
    seconds: result.seconds,
    floor: floor.seconds,
    copy: Math.min(...copies.map((copy) => copy.seconds)),
    peak: memory.peak,
    statements,
    profile,
  };
}

async function main() {
  const options = parseOptions(process.argv.slice(2), { rows: 100_000 }, { smoke: { rows: 2_000 }, profile: true });
  ensureBuilt(options.build);
  const sizes = [...[10_000, 100_000, 300_000].filter((size) => size < options.rows), options.rows];
  const file = path.join(os.tmpdir(), `dragnet-bench-import-${process.pid}.csv`);
  let dragnet;
  const cleanup = cleanupOnExit(async () => {
    await dragnet?.stop();
    fs.rmSync(file, { force: true });
  });
  let failed = false;
  try {
    dragnet = await startDragnet(DATABASE, { profile: options.profile ? 'target-import' : null });
    const token = await coordinatorToken(dragnet);
    const template = await fetch(`${dragnet.base}/targets/import-template.csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (template.status !== 200)
      throw new Error(`the built API has no import route (${template.status}): dist is stale, run npm run build`);
    const before = memoryOf(dragnet.child.pid);
    const results = [];
    for (const rows of sizes)
      results.push(await importOnce(dragnet, token, rows, file, options.profile && rows === options.rows));
    log(`Dragnet's import writes the floor's tables: ${FLOOR_TABLES.join(', ')}`);

    console.log('');
    console.log(
      `Target import of generated rows through the API vs the indexed floor (the same rows into copies of ` +
        `${FLOOR_TABLES.join(', ')}, set-based, one transaction) — node ${process.version}, ${os.availableParallelism()} CPUs`,
    );
    console.log(
      formatTable(
        [
          'rows',
          'CSV MB',
          'import s',
          'rows/s',
          'floor s',
          'import/floor',
          'raw COPY s',
          'import/COPY',
          'API VmHWM MB',
        ],
        results.map((r) => [
          r.rows.toLocaleString('en'),
          (r.bytes / 1024 / 1024).toFixed(1),
          r.seconds.toFixed(2),
          Math.round(r.rows / r.seconds),
          r.floor.toFixed(2),
          (r.seconds / r.floor).toFixed(2),
          r.copy.toFixed(2),
          (r.seconds / r.copy).toFixed(1),
          r.peak.toFixed(0),
        ]),
      ),
    );
    console.log(`API resident memory before the imports: ${before.current.toFixed(0)} MB`);
    console.log('');
    console.log(
      growthTable(
        'Growth with size: import time (floor alongside)',
        { sizeLabel: 'rows', costLabel: 'import s', unit: { name: '100k rows', per: 100_000 } },
        results.map((r) => ({ size: r.rows, cost: r.seconds, floor: r.floor.toFixed(2) })),
        [{ key: 'floor', header: 'floor s' }],
      ),
    );
    const largestRun = results[results.length - 1];
    console.log(`\nWhere the import's time goes: its statements at ${largestRun.rows} rows (ms from sent to done)`);
    console.log(
      formatTable(
        ['statement', 'ms'],
        largestRun.statements.map((statement) => [statement.text.slice(0, 100), (statement.ms ?? 0).toFixed(0)]),
      ),
    );
    for (const r of results.filter((r) => r.profile))
      console.log(`\nCPU profile of the API during the ${r.rows}-row import:\n${summariseCpuProfile(r.profile, 25)}`);
    const largest = results[results.length - 1];
    const ratio = largest.seconds / largest.floor;
    console.log('');
    console.log(
      `ratio import/floor at ${largest.rows} rows: ${ratio.toFixed(2)} (goal at most ${MAX_RATIO}); ` +
        `peak RSS ${largest.peak.toFixed(0)} MB (goal under ${MAX_RSS_MB} MB)`,
    );
    if (options.smoke) console.log('smoke run: import, counts and written tables checked; the goals are not judged');
    else if (ratio > MAX_RATIO || largest.peak >= MAX_RSS_MB) {
      failed = true;
      console.log('FAIL: a goal is not met');
    } else console.log('OK');
  } catch (error) {
    failed = true;
    console.error(`[bench] FAILED: ${error.stack || error}`);
  } finally {
    await cleanup();
  }
  process.exit(failed ? 1 : 0);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`[bench] FAILED: ${error.message}`);
    process.exit(1);
  });
}

module.exports = { writeCsv, postFile, COLUMNS };
