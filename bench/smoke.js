#!/usr/bin/env node
'use strict';
/**
 * Every bench in smoke mode (small data, a second or two of load): each still checks its answers,
 * its counts and that its baseline sends the statements Dragnet sends, so a bench that rots fails
 * here. Goals are not judged. Every `bench/*.bench.js` must have a smoke mode: one without fails, it
 * is never skipped nor run at full size. Benches run side by side (each has its own database, Redis
 * prefix and ports), two at a time by default (CI has two CPUs); one that outruns --timeout is
 * stopped and fails.
 *
 * It builds first unless dist/ is newer than every source (after `npm test`, which builds for the
 * console's journeys, it is), or with --no-build.
 *
 *   node bench/smoke.js [--no-build] [--jobs 2] [--timeout 300]
 */
const { execSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { formatTable, parseOptions } = require('./lib/harness');

const ROOT = path.resolve(__dirname, '..');
const BENCHES = fs
  .readdirSync(__dirname)
  .filter((name) => name.endsWith('.bench.js'))
  .sort();

/**
 * A bench has a smoke mode when its code (comments aside) reads the flag: the harness's
 * `parseOptions(..., { smoke: {...} })`, or its own `'--smoke'`. A bench that merely ignored the flag
 * would run at full size; the timeout stops that too.
 */
function hasSmokeMode(name) {
  const code = fs
    .readFileSync(path.join(__dirname, name), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return /['"`]--smoke['"`]|\bsmoke\s*:/.test(code);
}

/** What the build reads, and what it writes (oldest first in time: the API's main, last the console). */
const BUILD_INPUTS = ['apps', 'libs', 'package-lock.json', 'nest-cli.json', 'tsconfig.json'];
const BUILD_OUTPUTS = [
  'dist/apps/api/apps/api/src/main.js',
  'dist/apps/worker/apps/worker/src/main.js',
  'dist/apps/cli/apps/cli/src/main.js',
  'dist/console/index.html',
];
/** Written by the build itself (the console's types from the API's OpenAPI document). */
const BUILD_WRITES = new Set([path.join(ROOT, 'apps/console/src/lib/api/schema.d.ts')]);

function newestInput(file = ROOT, names = BUILD_INPUTS) {
  let newest = 0;
  for (const name of names) {
    const full = path.join(file, name);
    if (name === 'node_modules' || BUILD_WRITES.has(full)) continue;
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) continue;
    newest = Math.max(newest, stat.isDirectory() ? newestInput(full, fs.readdirSync(full)) : stat.mtimeMs);
  }
  return newest;
}

/** Builds unless every output exists and is newer than every input. */
function buildIfStale() {
  const outputs = BUILD_OUTPUTS.map((file) => fs.statSync(path.join(ROOT, file), { throwIfNoEntry: false }));
  const oldestOutput = outputs.some((stat) => !stat) ? 0 : Math.min(...outputs.map((stat) => stat.mtimeMs));
  if (oldestOutput > newestInput()) {
    console.log('[smoke] dist/ is newer than the sources: no build');
    return;
  }
  console.log('[smoke] dist/ is missing or older than the sources: npm run build');
  execSync('npm run --silent build', { cwd: ROOT, stdio: 'inherit' });
}

/** The benches running now, each its own process group. */
const running = new Set();
const signalGroup = (child, sig) => {
  try {
    process.kill(-child.pid, sig);
  } catch {
    // Already gone.
  }
};
// Stopped from outside (Ctrl-C, a cancelled CI job): stop the benches too, so they clean up after themselves.
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    for (const child of running) signalGroup(child, 'SIGTERM');
    process.exit(1);
  });

/** Runs one bench in its own process group, so that a stop reaches its API, worker and baseline too. */
function runBench(name, timeoutSeconds) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(__dirname, name), '--smoke', '--no-build'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    running.add(child);
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const signal = (sig) => signalGroup(child, sig);
    // SIGTERM first: the harness drops the bench's database and queue keys on it.
    const timer = setTimeout(() => {
      timedOut = true;
      signal('SIGTERM');
      setTimeout(() => signal('SIGKILL'), 20_000).unref();
    }, timeoutSeconds * 1000);
    child.on('exit', (code, sig) => {
      running.delete(child);
      clearTimeout(timer);
      const seconds = (Date.now() - started) / 1000;
      const why = timedOut ? `stopped after ${timeoutSeconds} s` : code === 0 ? '' : `exit ${code ?? sig}`;
      resolve({ name, ok: code === 0 && !timedOut, why, seconds, output });
    });
  });
}

async function main() {
  const { jobs, timeout, build } = parseOptions(process.argv.slice(2), { jobs: 2, timeout: 300 });
  const started = Date.now();
  const results = BENCHES.filter((name) => !hasSmokeMode(name)).map((name) => ({
    name,
    ok: false,
    why: 'no smoke mode',
    seconds: 0,
    output: `${name} has no smoke mode: give it --smoke (small data, a second or two of load) that checks its answers and statements`,
  }));
  for (const result of results) console.log(`[smoke] FAILED ${result.name}: ${result.output}`);
  if (build) buildIfStale();

  const queue = BENCHES.filter(hasSmokeMode);
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      const result = await runBench(name, timeout);
      console.log(
        `[smoke] ${result.ok ? 'passed' : 'FAILED'} ${name} in ${result.seconds.toFixed(0)} s${result.why ? ` (${result.why})` : ''}`,
      );
      if (!result.ok) console.log(result.output.replace(/^/gm, `  ${name}: `));
      results.push(result);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));

  results.sort((a, b) => a.name.localeCompare(b.name));
  console.log('');
  console.log(
    formatTable(
      ['bench', 'result', 'seconds'],
      results.map((r) => [r.name, r.ok ? 'passed' : `FAILED (${r.why})`, r.seconds.toFixed(0)]),
    ),
  );
  const failed = results.filter((r) => !r.ok).length;
  console.log(
    `\nbench smoke: ${results.length - failed} passed, ${failed} failed, ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(`[smoke] FAILED: ${error.stack || error}`);
  process.exit(1);
});
