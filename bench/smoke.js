#!/usr/bin/env node
'use strict';
/**
 * Every bench in smoke mode (small data, a second or two of load): each still checks its answers,
 * its counts and that its baseline sends the statements Dragnet sends, so a bench that rots fails
 * here. Goals are not judged. Benches run side by side (each has its own database, Redis prefix and
 * ports; four at a time by default). Expects a fresh build (`npm run bench:smoke` builds first).
 *
 *   node bench/smoke.js [--jobs 4]
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { formatTable, parseOptions } = require('./lib/harness');

const ALL_BENCHES = fs
  .readdirSync(__dirname)
  .filter((name) => name.endsWith('.bench.js'))
  .sort();
/** A bench built on the harness takes --smoke; the others (not yet on it) are named, not run at full size. */
const takesSmoke = (name) => fs.readFileSync(path.join(__dirname, name), 'utf8').includes('smoke');
const BENCHES = ALL_BENCHES.filter(takesSmoke);
const WITHOUT_SMOKE = ALL_BENCHES.filter((name) => !takesSmoke(name));

function runBench(name) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(__dirname, name), '--smoke', '--no-build'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code, signal) =>
      resolve({ name, ok: code === 0, code: code ?? signal, seconds: (Date.now() - started) / 1000, output }),
    );
  });
}

async function main() {
  const { jobs } = parseOptions(process.argv.slice(2), { jobs: 4 });
  const started = Date.now();
  if (WITHOUT_SMOKE.length > 0) console.log(`[smoke] no smoke mode yet, not run: ${WITHOUT_SMOKE.join(', ')}`);
  const queue = [...BENCHES];
  const results = [];
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      const result = await runBench(name);
      console.log(`[smoke] ${result.ok ? 'passed' : 'FAILED'} ${name} in ${result.seconds.toFixed(0)} s`);
      if (!result.ok) console.log(result.output.replace(/^/gm, `  ${name}: `));
      results.push(result);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  console.log('');
  console.log(
    formatTable(
      ['bench', 'result', 'seconds'],
      results.map((r) => [r.name, r.ok ? 'passed' : `FAILED (${r.code})`, r.seconds.toFixed(0)]),
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
