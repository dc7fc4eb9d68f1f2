#!/usr/bin/env node
// `npm test`: the whole test suite, stage by stage, each stage writing its results under
// .test-results/, and one closing line that counts every test that ran, including suites that
// failed to start (a crashed suite is a failure, never a silent zero).
//
// `npm test -- <jest args>` runs Jest alone with those arguments (one file, -t pattern, ...).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(ROOT, '.test-results');
const JEST = ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', 'node_modules/jest/bin/jest.js'];

/** Each stage runs a command whose results land in a Jest or Playwright JSON file. */
const STAGES = [
  {
    name: 'jest',
    what: 'unit and end-to-end tests on the configured Postgres and Redis',
    command: (file) => [process.execPath, [...JEST, '--json', `--outputFile=${file}`]],
  },
];

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

/** Counts from a Jest (`--json`) or Playwright (JSON reporter) results file. */
function countResults(file) {
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (results.stats && 'expected' in results.stats) {
    const { expected, unexpected, flaky, skipped } = results.stats;
    return { passed: expected + flaky, failed: unexpected, skipped };
  }
  return {
    passed: results.numPassedTests,
    // A suite that failed to run has no failed test of its own: count the suite.
    failed: results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0),
    skipped: results.numPendingTests + (results.numTodoTests ?? 0),
  };
}

function main() {
  const extra = process.argv.slice(2);
  if (extra.length > 0) process.exit(run(process.execPath, [...JEST, '--json', '--outputFile=.jest-results.json', ...extra]));

  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  const totals = { passed: 0, failed: 0, skipped: 0 };
  let status = 0;
  for (const stage of STAGES) {
    const skip = stage.skipReason?.();
    if (skip) {
      console.log(`\n[test] ${stage.name}: skipped (${skip})`);
      totals.skipped += 1;
      continue;
    }
    console.log(`\n[test] ${stage.name}: ${stage.what}`);
    const file = path.join(RESULTS, `${stage.name}.json`);
    const [command, args, env] = stage.command(file);
    const exitCode = run(command, args, env);
    let counts;
    try {
      counts = countResults(file);
    } catch {
      counts = { passed: 0, failed: 1, skipped: 0 }; // the stage crashed before writing results
    }
    if (exitCode !== 0 && counts.failed === 0) counts.failed = 1; // it failed without saying which test
    if (exitCode !== 0) status = 1;
    console.log(`[test] ${stage.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    for (const key of Object.keys(totals)) totals[key] += counts[key];
  }
  fs.writeFileSync(path.join(RESULTS, 'summary.json'), JSON.stringify(totals));
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(status || (totals.failed > 0 ? 1 : 0));
}

main();
