#!/usr/bin/env node
// `npm test`: the whole test suite, stage by stage, each stage writing its results under
// .test-results/, and one closing line that counts every test that ran, including suites that
// failed to start (a crashed suite is a failure, never a silent zero).
//
// `npm test -- <jest args>` runs Jest alone with those arguments (one file, -t pattern, ...).
// `npm run test:portable` (`--portable`) runs only the portable stage.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(ROOT, '.test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const JEST = ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', 'node_modules/jest/bin/jest.js'];

/**
 * The guarantees that must hold with nothing but Node (docs/portable-mode.md): run again on an
 * embedded PostgreSQL with the queues, live events and login limits on it, even where servers run.
 */
const PORTABLE_SUITES = [
  'test/portable-start', // npm start end to end: README walk-through, restart on the same data, crash recovery, pg_dump move
  'test/reminders-processes', // reminders exactly once across three worker processes, one SIGKILLed, one SIGTERMed
  'test/live-feed', // the live feed across two API processes (the second an OS process of its own)
  'test/auth-hardening', // login limits shared by two API processes (the second an OS process of its own)
  'test/database-restart', // the outbox and the queues across a restart of the database
  'test/participant-mail', // jobs end to end through the outbox, BullMQ and SMTP
  'test/http-contract', // health names the mode
  'test/no-silent-fallback', // a configured server that does not answer is named, never replaced
];

/** Each stage runs a command whose results land in a Jest or Playwright JSON file. */
const STAGES = [
  {
    name: 'jest',
    what: 'unit and end-to-end tests on the configured Postgres and Redis',
    command: (file) => [process.execPath, [...JEST, '--json', `--outputFile=${file}`]],
  },
  {
    name: 'portable',
    what: 'the portable suites on an embedded PostgreSQL without Redis',
    command: (file) => [
      process.execPath,
      [...JEST, '--json', `--outputFile=${file}`, ...PORTABLE_SUITES],
      { DRAGNET_TEST_PORTABLE: '1' },
    ],
  },
  {
    name: 'console',
    what: "the web console's journeys in Chromium against the built API and worker",
    // Playwright's JSON reporter writes where apps/console/playwright.config.ts says.
    results: path.join(ROOT, 'test-results/console/results.json'),
    skipReason: () => (fs.existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM}: apt-get install -y chromium`),
    command: () => [npm, ['run', '--silent', 'test:console']],
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
  const portableOnly = extra[0] === '--portable';
  if (extra.length > 0 && !portableOnly)
    process.exit(run(process.execPath, [...JEST, '--json', '--outputFile=.jest-results.json', ...extra]));

  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  const totals = { passed: 0, failed: 0, skipped: 0 };
  let status = 0;
  for (const stage of STAGES.filter((candidate) => !portableOnly || candidate.name === 'portable')) {
    const skip = stage.skipReason?.();
    if (skip) {
      console.log(`\n[test] ${stage.name}: skipped (${skip})`);
      totals.skipped += 1;
      continue;
    }
    console.log(`\n[test] ${stage.name}: ${stage.what}`);
    const file = stage.results ?? path.join(RESULTS, `${stage.name}.json`);
    fs.rmSync(file, { force: true });
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
