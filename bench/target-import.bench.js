#!/usr/bin/env node
'use strict';
/**
 * Benchmark: POST /api/operations/:id/targets/import with 100,000 generated targets (CSV), against a
 * raw COPY of the same CSV (same columns, as text) into a plain table, in the same run. Prints wall
 * times, the ratio import / COPY and the API process's peak resident memory (VmHWM).
 * Goal: ratio at most 2 and peak RSS under 300 MB; exits non-zero otherwise, or if anything fails.
 *
 *   npm run bench:target-import [-- --no-build --rows 100000 --profile]
 *
 * --profile: CPU-profiles the API during the import and prints where its time goes.
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
  cpuProfiler,
  summariseCpuProfile,
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
  'priority',
  'believed_in',
  'public_appeal',
];

function parseArgs(argv) {
  const options = { build: true, rows: 100_000 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--no-build') options.build = false;
    else if (argv[i] === '--profile') options.profile = true;
    else if (argv[i] === '--rows') options.rows = Number(argv[++i]);
    else throw new Error(`Unknown argument ${argv[i]}`);
  }
  if (!Number.isInteger(options.rows) || options.rows <= 0) throw new Error('--rows needs a positive whole number');
  return options;
}

/** A deterministic pseudo-random generator, so every run imports the same file. */
function random(seed) {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

const csvCell = (value) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Writes `count` realistic targets as import CSV; returns the file's size. */
async function writeCsv(file, count) {
  const next = random(2016);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const some = (list, max) => [...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(list)))];
  const out = fs.createWriteStream(file);
  out.write(`${COLUMNS.join(',')}\r\n`);
  for (let index = 1; index <= count; index++) {
    const nominating = pick(NOMINATING);
    const year = 1960 + Math.floor(next() * 45);
    const fullDate = next() < 0.7;
    const date = `${year}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
    const hasDocument = next() < 0.6;
    const country = pick(COUNTRIES);
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
      pick(NETWORKS),
      pick(PRIORITIES),
      next() < 0.7 ? some(COUNTRIES, 3).join(';') : '',
      next() < 0.1 ? 'yes' : 'no',
    ];
    if (!out.write(`${row.map(csvCell).join(',')}\r\n`)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  return fs.statSync(file).size;
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

/**
 * For the report only: the database work alone of storing the imported rows in a table shaped like
 * `targets` (its indexes, checks and foreign key), server-side, without parsing, validation, history
 * or audit. No import can be faster than this.
 */
async function targetsTableFloor(client, operationId) {
  await client.query('DROP TABLE IF EXISTS bench_targets_floor');
  await client.query('CREATE TABLE bench_targets_floor (LIKE targets INCLUDING ALL)');
  await client.query('ALTER TABLE bench_targets_floor ADD FOREIGN KEY (operation_id) REFERENCES operations (id)');
  try {
    const started = process.hrtime.bigint();
    await client.query('INSERT INTO bench_targets_floor SELECT * FROM targets WHERE operation_id = $1', [operationId]);
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await client.query('DROP TABLE bench_targets_floor');
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  ensureBuilt(options.build);
  const file = path.join(os.tmpdir(), `dragnet-bench-import-${process.pid}.csv`);
  log(`writing ${options.rows} generated targets to ${file}`);
  const bytes = await writeCsv(file, options.rows);

  const profiler = options.profile ? cpuProfiler('target-import') : null;
  const dragnet = await startDragnet(DATABASE, profiler ? { nodeArgs: profiler.nodeArgs, env: profiler.env } : {});
  const cleanup = async () => {
    await dragnet.stop();
    fs.rmSync(file, { force: true });
  };
  process.once('SIGINT', () => cleanup().finally(() => process.exit(130)));
  let failed = false;
  try {
    const token = await coordinatorToken(dragnet);
    const template = await fetch(`${dragnet.base}/targets/import-template.csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (template.status !== 200)
      throw new Error(`the built API has no import route (${template.status}): dist is stale, run npm run build`);
    const { json: operation } = await call(dragnet.base, 'POST', '/operations', {
      token,
      body: { code: 'HYDRA-2016', name: 'Operation Hydra' },
    });

    // The same file three times through COPY; the fastest run is the baseline (the strictest ratio).
    const copies = [];
    for (let run = 0; run < 3; run++) copies.push(await copyBaseline(dragnet.databaseUrl, file));
    if (copies.some((copy) => copy.rows !== options.rows)) throw new Error('COPY did not load every row');
    const baseline = Math.min(...copies.map((copy) => copy.seconds));

    const before = memoryOf(dragnet.child.pid);
    let sampledPeak = before.current;
    const sampler = setInterval(() => {
      sampledPeak = Math.max(sampledPeak, memoryOf(dragnet.child.pid).current);
    }, 50);
    log(`importing ${options.rows} rows (${(bytes / 1024 / 1024).toFixed(1)} MB)`);
    if (profiler) await profiler.start(dragnet.child);
    const result = await postFile(dragnet.base, operation.id, token, file).finally(() => clearInterval(sampler));
    const profile = profiler ? await profiler.stop(dragnet.child) : null;
    const after = memoryOf(dragnet.child.pid);
    if (result.status !== 200 || result.body.created !== options.rows || result.body.errorCount !== 0)
      throw new Error(`import answered ${result.status}: ${JSON.stringify(result.body).slice(0, 500)}`);
    const client = new Client({ connectionString: dragnet.databaseUrl });
    await client.connect();
    let rows;
    let floor;
    try {
      ({ rows } = await client.query(
        `SELECT (SELECT count(*)::int FROM targets WHERE operation_id = $1) AS targets,
                (SELECT count(*)::int FROM audit_entries WHERE action = 'target.import_create') AS audits,
                (SELECT count(*)::int FROM target_status_changes) AS history`,
        [operation.id],
      ));
      if (rows[0].targets !== options.rows || rows[0].audits !== options.rows || rows[0].history !== options.rows)
        throw new Error(`written: ${JSON.stringify(rows[0])}, expected ${options.rows} of each`);
      floor = await targetsTableFloor(client, operation.id);
    } finally {
      await client.end();
    }

    const ratio = result.seconds / baseline;
    const peak = after.peak;
    console.log('');
    console.log(
      `Target import of ${options.rows} generated rows (${(bytes / 1024 / 1024).toFixed(1)} MB CSV), ` +
        `node ${process.version}, ${os.availableParallelism()} CPUs`,
    );
    console.log(
      `raw COPY into a plain table: ${copies.map((copy) => `${copy.seconds.toFixed(2)} s`).join(', ')} (best ${baseline.toFixed(2)} s)`,
    );
    console.log(
      `import through the API:      ${result.seconds.toFixed(2)} s (${Math.round(options.rows / result.seconds)} rows/s; ` +
        `${rows[0].targets} targets, ${rows[0].audits} audit entries, ${rows[0].history} history rows written)`,
    );
    console.log(
      `for reference, the same rows into a copy of the targets table (its indexes, no parsing, audit or history), ` +
        `server-side: ${floor.toFixed(2)} s (${(floor / baseline).toFixed(1)} × the COPY)`,
    );
    console.log(
      `API resident memory:         ${before.current.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB ` +
        `(VmHWM; ${sampledPeak.toFixed(0)} MB sampled during the import)`,
    );
    if (profile)
      console.log(`\nCPU profile of the API during the import (${profile}):\n${summariseCpuProfile(profile)}`);
    console.log('');
    console.log(
      `ratio import/COPY: ${ratio.toFixed(2)} (goal at most ${MAX_RATIO}); peak RSS ${peak.toFixed(0)} MB (goal under ${MAX_RSS_MB} MB)`,
    );
    if (ratio > MAX_RATIO || peak >= MAX_RSS_MB) {
      failed = true;
      console.log(
        `FAIL: ${[ratio > MAX_RATIO ? `ratio ${ratio.toFixed(2)} > ${MAX_RATIO}` : '', peak >= MAX_RSS_MB ? `peak RSS ${peak.toFixed(0)} MB` : ''].filter(Boolean).join('; ')}`,
      );
    } else console.log('OK');
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
