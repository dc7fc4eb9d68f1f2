#!/usr/bin/env node
'use strict';
/**
 * Benchmark: exporting an operation's results to CSV (POST /api/operations/:id/exports, built by the
 * worker) against Postgres' own COPY (same query) TO STDOUT of the per-target rows, in the same run.
 * 100,000 targets (all ten statuses), with leads, tasks and notice requests, generated with SQL.
 * Each round times COPY (bytes drained by pg-copy-streams) and one export end to end (request to
 * ready, polled every 20 ms), and reads the worker's own build time from the export row. Prints the
 * best of each, the ratio, and the worker's peak resident memory (VmHWM, sampled from /proc) after
 * each phase, then one XLSX and one JSON export (all parts) of the same data.
 * Goals: CSV export rows/s at least half of COPY's; worker peak RSS under 200 MB whatever the format
 * (CSV, then XLSX, then JSON: VmHWM only grows, so each phase's figure covers the ones before it).
 * The worker runs with the Node flags of `npm run start:worker` (read from package.json), as deployed.
 *
 *   npm run bench:results-export [-- --no-build --targets 100000 --runs 3]
 *
 * Needs Postgres (trust auth) and Redis; override with BENCH_PG_URL / REDIS_URL.
 * Exits non-zero if a goal is missed or the row count is wrong.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {
  ROOT,
  log,
  sleep,
  ensureBuilt,
  call,
  startDragnet,
  stopChild,
  coordinatorToken,
  withClient,
  formatTable,
  cleanupOnExit,
} = require('./lib/harness');

const DB_NAME = 'dragnet_bench_results_export';
const WORKER_MAIN = path.join(ROOT, 'dist/apps/worker/apps/worker/src/main.js');
const QUERIES = path.join(ROOT, 'dist/apps/worker/libs/domain/src/exports/results-queries.js');
const RSS_LIMIT_MB = 200;
/** The flags between `node` and the script in package.json's start:worker, so the bench runs the worker as deployed. */
const WORKER_NODE_FLAGS = require('../package.json')
  ['scripts']['start:worker'].split(/\s+/)
  .filter((word) => word.startsWith('--'));
const COUNTRIES = ['IT', 'GR', 'ES', 'DE', 'FR', 'MT', 'LY', 'TR', 'EG', 'NL', 'BE', 'AT', 'HU', 'BG', 'RS', 'AL'];

function parseArgs(argv) {
  const options = { build: true, targets: 100_000, runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-build') options.build = false;
    else if (arg === '--targets' || arg === '--runs') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value <= 0) throw new Error(`${arg} needs a positive whole number`);
      options[arg.slice(2)] = value;
    } else throw new Error(`Unknown argument ${arg}`);
  }
  return options;
}

/** Targets in every status with places and dates, then leads, tasks and requests on some of them. */
async function generate(databaseUrl, operationId, code, count) {
  await withClient(databaseUrl, async (client) => {
    await client.query(
      `INSERT INTO targets (operation_id, reference, status, family_name, given_names, aliases,
         nominating_country, wanted_by_country, located_country, located_at, arrested_country, arrested_at)
       SELECT $1, $2 || '-' || lpad(i::text, 6, '0'),
         (ARRAY['accepted','located','arrested','extradited','nominated','rejected','released','surrendered','deceased','withdrawn'])[1 + i % 10]::target_status,
         'Family-' || i, 'Given ' || (i % 997), CASE WHEN i % 3 = 0 THEN ARRAY['Abu ' || (i % 101)] ELSE '{}' END,
         c.codes[1 + i % c.n], c.codes[1 + (i * 7) % c.n],
         CASE WHEN i % 10 IN (1, 2, 3) THEN c.codes[1 + (i * 3) % c.n] END,
         CASE WHEN i % 10 IN (1, 2, 3) THEN now() - (i % 500) * interval '1 hour' END,
         CASE WHEN i % 10 IN (2, 3, 6, 7) THEN c.codes[1 + (i * 5) % c.n] END,
         CASE WHEN i % 10 IN (2, 3, 6, 7) THEN now() - (i % 300) * interval '1 hour' END
       FROM generate_series(1, $3::int) AS i,
         (SELECT $4::char(2)[] AS codes, cardinality($4::char(2)[]) AS n) AS c`,
      [operationId, code, count, COUNTRIES],
    );
    await client.query(
      `INSERT INTO leads (operation_id, target_id, reporting_country, country, place, observed_at, type, narrative,
         source_reliability, information_assessment, handling_code, handling_restriction)
       SELECT operation_id, id, wanted_by_country, nominating_country, 'Somewhere', now(), 'sighting',
         'Seen near the port', 'B', 2, (ARRAY['H0','H1','H2','H3'])[1 + (hashtext(id::text) & 3)]::lead_handling_code, 'stated'
       FROM targets WHERE operation_id = $1 AND hashtext(id::text) % 2 = 0`,
      [operationId],
    );
    await client.query(
      `INSERT INTO tasks (operation_id, assigned_country, target_id, type, title, status, due_at)
       SELECT operation_id, nominating_country, id, 'locate', 'Locate',
         (ARRAY['open','acknowledged','in_progress','done','cancelled'])[1 + (hashtext(id::text) & 3)]::task_status,
         now() + (hashtext(id::text) % 100) * interval '1 hour'
       FROM targets WHERE operation_id = $1`,
      [operationId],
    );
    await client.query(
      `INSERT INTO notice_requests (operation_id, target_id, type, status, requesting_country)
       SELECT operation_id, id, 'red', 'draft', wanted_by_country
       FROM targets WHERE operation_id = $1 AND hashtext(id::text) % 5 = 0`,
      [operationId],
    );
    await client.query('ANALYZE targets; ANALYZE leads; ANALYZE tasks; ANALYZE notice_requests');
  });
}

/** Postgres' own CSV of the same per-target query, drained as fast as it comes. */
async function copyBaseline(databaseUrl, operationId) {
  const { targetRowsQuery } = require(QUERIES);
  const { to: copyTo } = require('pg-copy-streams');
  const query = targetRowsQuery({ operationId, country: null });
  // COPY takes no parameters; the operation id is a UUID from the database.
  const sql = query.sql.replace(/\$1\b/g, `'${operationId}'::uuid`);
  return withClient(databaseUrl, async (client) => {
    const started = process.hrtime.bigint();
    const stream = client.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv, HEADER)`));
    let bytes = 0;
    let lines = 0;
    for await (const chunk of stream) {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    }
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, bytes, rows: lines - 1 };
  });
}

/** Requests an export and polls until it is ready; the worker's own time comes from the row. */
async function exportOnce(dragnet, token, operationId, format) {
  const started = process.hrtime.bigint();
  const { json } = await call(dragnet.base, 'POST', `/operations/${operationId}/exports`, {
    token,
    body: { format, ...(format === 'csv' ? { scope: 'targets' } : { scope: 'all' }) },
    expect: [202],
  });
  for (;;) {
    const state = (await call(dragnet.base, 'GET', `/exports/${json.id}`, { token, expect: [200] })).json;
    if (state.status === 'ready') {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const buildMs = new Date(state.finishedAt).getTime() - new Date(state.startedAt).getTime();
      return { ms, buildMs, rows: state.rowCount, bytes: state.sizeBytes };
    }
    if (state.status === 'failed') throw new Error(`export failed: ${state.error}`);
    await sleep(20);
  }
}

function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number((status.match(new RegExp(`${field}:\\s+(\\d+)`)) || [])[1] || 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  ensureBuilt(options.build);
  if (!fs.existsSync(WORKER_MAIN) || !fs.existsSync(QUERIES)) throw new Error('dist is incomplete: npm run build');
  const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dragnet-bench-exports-'));
  let dragnet;
  let worker;
  let sampler;
  const cleanup = cleanupOnExit(async () => {
    clearInterval(sampler);
    await stopChild(worker, 'Dragnet worker');
    await dragnet?.stop();
    fs.rmSync(exportDir, { recursive: true, force: true });
  });
  try {
    dragnet = await startDragnet(DB_NAME, { env: { EXPORT_DIR: exportDir, OUTBOX_POLL_INTERVAL_MS: '20' } });
    const token = await coordinatorToken(dragnet);
    const code = 'BENCH-EXPORT';
    const operation = (
      await call(dragnet.base, 'POST', '/operations', { token, body: { code, name: 'Export benchmark' } })
    ).json;
    for (const country of COUNTRIES) {
      await call(dragnet.base, 'POST', `/operations/${operation.id}/participants`, {
        token,
        body: {
          country,
          roles: ['destination'],
          ncbName: `NCB ${country}`,
          focalPointEmails: [`fp@${country.toLowerCase()}.example`],
        },
      });
    }
    log(`generating ${options.targets} targets with leads, tasks and requests`);
    await generate(dragnet.databaseUrl, operation.id, code, options.targets);

    worker = spawn(process.execPath, [...WORKER_NODE_FLAGS, WORKER_MAIN], {
      cwd: ROOT,
      env: {
        ...dragnet.env,
        MIGRATIONS_RUN: 'false',
        ...(process.env.BENCH_WORKER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS } : {}),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    let peakMb = 0;
    sampler = setInterval(() => {
      try {
        peakMb = Math.max(peakMb, memoryOf(worker.pid).peakMb);
      } catch {
        // the worker is gone
      }
    }, 50);
    // Warm-up: the worker boots, connects and builds once (plans cached, code compiled).
    await exportOnce(dragnet, token, operation.id, 'csv');
    const phases = [['after boot and one CSV export', memoryOf(worker.pid).peakMb]];

    const copies = [];
    const exports = [];
    for (let run = 0; run < options.runs; run++) {
      copies.push(await copyBaseline(dragnet.databaseUrl, operation.id));
      exports.push(await exportOnce(dragnet, token, operation.id, 'csv'));
    }
    phases.push(['after the timed CSV exports', memoryOf(worker.pid).peakMb]);
    const xlsx = await exportOnce(dragnet, token, operation.id, 'xlsx');
    phases.push(['after an XLSX export', memoryOf(worker.pid).peakMb]);
    const json = await exportOnce(dragnet, token, operation.id, 'json');
    phases.push(['after a JSON export', memoryOf(worker.pid).peakMb]);
    peakMb = Math.max(peakMb, memoryOf(worker.pid).peakMb);

    const best = (list, key) => list.reduce((a, b) => (b[key] < a[key] ? b : a));
    const copy = best(copies, 'ms');
    const endToEnd = best(exports, 'ms');
    const build = best(exports, 'buildMs');
    const rate = (rows, ms) => Math.round((rows * 1000) / ms);
    const copyRate = rate(copy.rows, copy.ms);
    const exportRate = rate(endToEnd.rows, endToEnd.ms);
    const lines = [
      ['COPY (same query) TO STDOUT, csv', copy.rows, copy.bytes, copy.ms.toFixed(0), copyRate, '1.00'],
      ...exports.map((e, i) => [
        `CSV export #${i + 1}, request to ready`,
        e.rows,
        e.bytes,
        e.ms.toFixed(0),
        rate(e.rows, e.ms),
        (rate(e.rows, e.ms) / copyRate).toFixed(2),
      ]),
      [
        'CSV export (best), worker build only',
        build.rows,
        build.bytes,
        build.buildMs,
        rate(build.rows, build.buildMs),
        (rate(build.rows, build.buildMs) / copyRate).toFixed(2),
      ],
      [
        'XLSX export (all parts), request to ready',
        xlsx.rows,
        xlsx.bytes,
        xlsx.ms.toFixed(0),
        rate(xlsx.rows, xlsx.ms),
        (rate(xlsx.rows, xlsx.ms) / copyRate).toFixed(2),
      ],
      [
        'JSON export (all parts), request to ready',
        json.rows,
        json.bytes,
        json.ms.toFixed(0),
        rate(json.rows, json.ms),
        (rate(json.rows, json.ms) / copyRate).toFixed(2),
      ],
    ];
    console.log(formatTable(['path', 'rows', 'bytes', 'ms', 'rows/s', 'vs COPY'], lines));
    const ratio = exportRate / copyRate;
    console.log(
      `\nCSV export (best, end to end): ${exportRate} rows/s = ${ratio.toFixed(2)} x COPY (${copyRate} rows/s); goal >= 0.50`,
    );
    console.log(`worker Node flags: ${WORKER_NODE_FLAGS.join(' ') || '(none)'}`);
    for (const [phase, mb] of phases)
      console.log(`worker VmHWM ${phase}: ${mb.toFixed(0)} MB; goal < ${RSS_LIMIT_MB} MB`);
    console.log(`worker peak resident memory over the whole run (sampled every 50 ms): ${peakMb.toFixed(0)} MB`);
    const problems = [];
    if (endToEnd.rows !== options.targets || copy.rows !== options.targets) problems.push('row counts differ');
    if (ratio < 0.5) problems.push(`export at ${ratio.toFixed(2)} x COPY`);
    for (const [phase, mb] of phases) {
      if (mb >= RSS_LIMIT_MB) problems.push(`worker peak RSS ${mb.toFixed(0)} MB ${phase}`);
    }
    if (problems.length > 0) {
      console.log(`GOAL MISSED: ${problems.join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
