// Shared by the benchmarks: build check, a fresh database, the built API as a child process, setup calls.
const { fork, spawn, execSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { installStatementCapture } = require('./statement-capture');

const ROOT = path.resolve(__dirname, '..', '..');
// BENCH_BUILD names another build's directory (e.g. an older commit's dist), to compare two versions.
const BUILD = process.env.BENCH_BUILD ? path.resolve(process.env.BENCH_BUILD) : path.join(ROOT, 'dist');
const API_MAIN = path.join(BUILD, 'apps/api/apps/api/src/main.js');
const PG_SERVER_URL = (process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
// `--portable` (or BENCH_QUEUES=postgres) runs Dragnet without REDIS_URL: queues, live events and login
// limits on Postgres, as `npm start` does on a machine with nothing but Node (docs/portable-mode.md).
let onPostgres = process.env.BENCH_QUEUES === 'postgres';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

const log = (message) => console.error(`[bench] ${message}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function ensureBuilt(build = true) {
  if (fs.existsSync(API_MAIN)) return;
  if (!build) throw new Error(`${path.relative(ROOT, API_MAIN)} is missing and --no-build was given`);
  log('dist is missing: npm run build');
  execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function adminQuery(sql, params) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: `${PG_SERVER_URL}/postgres` });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** Small JSON client for setup calls; fails loudly on an unexpected status. */
async function call(base, method, route, { token, body, expect = [200, 201] } = {}) {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!expect.includes(response.status)) throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
  return { status: response.status, text, json: text ? JSON.parse(text) : undefined };
}

function stopChild(child, name) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      log(`${name} did not stop on SIGTERM; killing it`);
      child.kill('SIGKILL');
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Deletes the run's BullMQ keys, so a bench leaves nothing behind in Redis. */
async function removeQueueKeys(prefix) {
  const IORedis = require('ioredis');
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * Starts the built API on a fresh database (`name` and this process's id) with a first admin; resolves once /api/health is 200.
 * Returns what the caller needs to talk to it and to clean up: `statements.record(work)` gives the
 * SQL the API sent while handling the requests `work` makes; with `profile` set, `profiler` switches
 * the V8 CPU profiler in it (see cpuProfiler). `env` is added to the child's environment.
 */
async function startDragnet(name, { profile = null, env: extraEnv = {}, scope = 'requests' } = {}) {
  // Per process: two runs of one bench (two worktrees, or smoke beside a full run) must not share it.
  const database = `${name}_${process.pid}`;
  await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  const port = await freePort();
  const admin = { email: 'bench-admin@dragnet.example', password: 'correct-horse-battery-staple' };
  const statements = statementRecorder(`api-${database}`, scope);
  const profiler = profile ? cpuProfiler(profile) : null;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: `${PG_SERVER_URL}/${database}`,
    REDIS_URL: onPostgres ? '' : REDIS_URL,
    PORT: String(port),
    JWT_SECRET: crypto.randomBytes(32).toString('hex'),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    QUEUE_PREFIX: `{bench-${database}}`,
    LOG_LEVEL: 'warn',
    MAIL_OUTBOX_DIR: path.join(os.tmpdir(), 'dragnet-bench-outbox'),
    ...extraEnv,
  };
  log(`queues, live events and login limits on ${onPostgres ? 'PostgreSQL (portable: no REDIS_URL)' : 'Redis'}`);
  const child = spawn(process.execPath, [...statements.nodeArgs, ...(profiler?.nodeArgs ?? []), API_MAIN], {
    cwd: ROOT,
    env: { ...env, ...statements.env, ...(profiler?.env ?? {}) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const base = `http://127.0.0.1:${port}/api`;
  const stop = async () => {
    await stopChild(child, 'Dragnet API');
    statements.remove();
    await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch((error) =>
      log(`could not drop ${database}: ${error.message}`),
    );
    if (!onPostgres)
      await removeQueueKeys(env.QUEUE_PREFIX).catch((error) => log(`could not remove queue keys: ${error.message}`));
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`Dragnet API exited during boot (${JSON.stringify(exited)})`);
    try {
      if ((await fetch(`${base}/health`)).status === 200)
        return {
          child,
          base,
          origin: base.replace(/\/api$/, ''),
          env,
          admin,
          database,
          databaseUrl: env.DATABASE_URL,
          statements: statements.bind(child),
          profiler,
          stop,
        };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stop();
  throw new Error('Dragnet API did not become healthy within 90 s');
}

/**
 * Forks `file --baseline-server` (a bench's hand-written server) with the statement recorder in it;
 * the child sends `{ port }` over IPC once listening. Resolves with its origin, `statements` and `stop`.
 */
async function startBaselineServer(file, env, args = ['--baseline-server']) {
  const statements = statementRecorder('baseline', 'requests');
  const child = fork(file, args, {
    env: { ...env, ...statements.env },
    execArgv: statements.nodeArgs,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port } = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`Baseline server exited with ${code}`)));
  });
  return {
    child,
    origin: `http://127.0.0.1:${port}`,
    base: `http://127.0.0.1:${port}/api`,
    statements: statements.bind(child),
    stop: async () => {
      await stopChild(child, 'baseline server');
      statements.remove();
    },
  };
}

async function login(base, email, password) {
  const { json } = await call(base, 'POST', '/auth/login', { body: { email, password }, expect: [200] });
  return json.accessToken;
}

/** A coordinator's token, created through the API as a user would. */
async function coordinatorToken(dragnet) {
  const adminToken = await login(dragnet.base, dragnet.admin.email, dragnet.admin.password);
  const coordinator = { email: 'bench-coordinator@dragnet.example', password: 'tangerine lighthouse 42' };
  await call(dragnet.base, 'POST', '/users', {
    token: adminToken,
    body: { ...coordinator, displayName: 'Bench coordinator', role: 'coordinator' },
  });
  return login(dragnet.base, coordinator.email, coordinator.password);
}

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

/** Creates an account through the API (as an admin would) and returns its record. */
async function createUser(base, adminToken, { email, password, displayName, role, country }) {
  const body = { email, password, displayName: displayName || email, role, ...(country ? { country } : {}) };
  return (await call(base, 'POST', '/users', { token: adminToken, body })).json;
}

const OPERATION_WORKFLOW = ['planning', 'nomination', 'active', 'follow_up', 'closed'];

/** Moves an operation one step at a time (POST /api/operations/:id/status) until it reaches `status`. */
async function advanceOperation(base, token, operationId, status) {
  const current = (await call(base, 'GET', `/operations/${operationId}`, { token, expect: [200] })).json.status;
  const from = OPERATION_WORKFLOW.indexOf(current);
  const to = OPERATION_WORKFLOW.indexOf(status);
  if (to < 0) throw new Error(`Unknown operation status ${status}`);
  for (const next of OPERATION_WORKFLOW.slice(from + 1, to + 1)) {
    await call(base, 'POST', `/operations/${operationId}/status`, { token, body: { status: next }, expect: [200] });
  }
}

/** Runs `work(client)` with a pg client connected to `databaseUrl`, and closes it. */
async function withClient(databaseUrl, work) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A plain text table: first column left-aligned, the others right-aligned. */
function formatTable(header, lines) {
  const cells = lines.map((line) => line.map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((l) => l[i].length)));
  const format = (row) =>
    row
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...cells.map(format)].join('\n');
}

/**
 * Runs `cleanup` once, whichever comes first: the caller's own call, Ctrl-C, or SIGTERM; on a signal
 * it exits 130 afterwards. Returns the idempotent cleanup function.
 */
function cleanupOnExit(cleanup) {
  let running = null;
  const once = () => (running ??= Promise.resolve().then(cleanup));
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log(`${signal}: cleaning up`);
      once().finally(() => process.exit(130));
    });
  }
  return once;
}

/**
 * A switch for a preload in a child (started with `nodeArgs` and `env`): `start(child)` and
 * `stop()` write a command file the preload polls, so only the measured window counts; `stop`
 * resolves with the path of the file the preload wrote (`suffix`). A file, not a signal: Nest's
 * shutdown hooks take them.
 */
function preloadSwitch(label, preload, dirVariable, suffix, extraEnv = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dragnet-bench-${label}-`));
  const outputs = () => fs.readdirSync(dir).filter((name) => name.endsWith(suffix));
  const waitFor = async (predicate, what) => {
    // Long: a child still booting on a busy machine polls for the command only once its modules are loaded.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (predicate()) return;
      await sleep(20);
    }
    throw new Error(`${label}: ${what} did not happen within 60 s`);
  };
  // Written aside, then renamed: a child polling between the truncate and the write of a plain write
  // would read an empty command, drop it, and never start (seen on a loaded machine).
  const command = (word) => {
    fs.writeFileSync(path.join(dir, 'command.tmp'), word);
    fs.renameSync(path.join(dir, 'command.tmp'), path.join(dir, 'command'));
  };
  return {
    dir,
    nodeArgs: ['--require', path.join(__dirname, preload)],
    env: { [dirVariable]: dir, ...extraEnv },
    async start(child) {
      command('start');
      await waitFor(() => fs.existsSync(path.join(dir, `started-${child.pid}`)), 'start');
    },
    async stop() {
      const before = new Set(outputs());
      command('stop');
      await waitFor(() => outputs().some((name) => !before.has(name)), 'writing its output');
      return path.join(
        dir,
        outputs().find((name) => !before.has(name)),
      );
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** CPU profiling of a child (see cpu-profile-preload.js); `stop` resolves with the .cpuprofile path. */
function cpuProfiler(label) {
  return preloadSwitch(`prof-${label}`, 'cpu-profile-preload.js', 'BENCH_CPU_PROFILE_DIR', '.cpuprofile');
}

/**
 * The SQL a child sends (see statement-capture-preload.js); `scope` 'requests' counts only what is
 * sent while an HTTP request is handled. `bind(child).record(work)` resolves with work's result and
 * the statements ({ text, values }), text normalised.
 */
function statementRecorder(label, scope) {
  const control = preloadSwitch(`sql-${label}`, 'statement-capture-preload.js', 'BENCH_STATEMENT_DIR', '.json', {
    BENCH_STATEMENT_SCOPE: scope,
  });
  return {
    ...control,
    bind: (child) => ({
      async record(work) {
        await control.start(child);
        const result = await work();
        const file = await control.stop();
        return { result, statements: JSON.parse(fs.readFileSync(file, 'utf8')) };
      },
    }),
  };
}

/** The bench process's own statements (its pg clients): `record(work)` as for a child. */
function ownStatements() {
  const capture = installStatementCapture();
  return {
    async record(work) {
      capture.start();
      try {
        const result = await work();
        return { result, statements: capture.stop() };
      } catch (error) {
        capture.stop();
        throw error;
      }
    },
  };
}

/**
 * In portable mode a live event is published with `pg_notify` (on Redis with PUBLISH, which the
 * statement capture does not see): left out of the comparison, so both modes compare the same
 * database work and the publish is a cost of Dragnet's in either.
 */
const isLiveEventPublish = (text) => onPostgres && text === 'SELECT pg_notify($1, $2)';

/**
 * Dragnet's statements against the baseline's, in order: null when they are the same, otherwise a
 * report of the first difference (and both lists). A bench fails on it: its baseline no longer does
 * the database work Dragnet does, so its ratio would mean nothing.
 */
function statementDrift(what, dragnetStatements, baselineStatements) {
  const dragnet = dragnetStatements.map((statement) => statement.text).filter((text) => !isLiveEventPublish(text));
  const baseline = baselineStatements.map((statement) => statement.text);
  const length = Math.max(dragnet.length, baseline.length);
  for (let i = 0; i < length; i++) {
    if (dragnet[i] === baseline[i]) continue;
    const list = (statements) => statements.map((text, n) => `    ${n + 1}. ${text}`).join('\n');
    return (
      `${what}: the baseline's statement ${i + 1} differs from Dragnet's\n` +
      `  dragnet:  ${dragnet[i] ?? '(none)'}\n  baseline: ${baseline[i] ?? '(none)'}\n` +
      `  all of Dragnet's (${dragnet.length}):\n${list(dragnet)}\n  all of the baseline's (${baseline.length}):\n${list(baseline)}`
    );
  }
  return null;
}

/** Fails the bench (throws) when the statements drift; logs the agreement otherwise. */
function assertSameStatements(what, dragnet, baseline) {
  const drift = statementDrift(what, dragnet, baseline);
  if (drift) throw new Error(drift);
  const published = dragnet.filter((statement) => isLiveEventPublish(statement.text)).length;
  log(
    `${what}: the baseline sends the same ${dragnet.length - published} statements as Dragnet` +
      (published ? ` (besides Dragnet's ${published} live-event pg_notify)` : ''),
  );
}

/** Where a profiled function lives: a package, Dragnet's own code, Node internals, or V8's pseudo-nodes. */
function profileCategory(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.includes('/dist/')) return 'dragnet (dist)';
  if (url.startsWith('node:')) return 'node core';
  return url;
}

/** Self time of a .cpuprofile, by category and by function: a text report. */
function summariseCpuProfile(file, top = 15) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] || 0;
    self.set(id, (self.get(id) || 0) + delta);
    total += delta;
  });
  // Inclusive: the busy time (not idle) during which a package had a frame anywhere on the stack.
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children || []) parent.set(child, node.id);
  const onStack = new Map();
  let busyMicros = 0;
  for (const [id, micros] of self) {
    if (byId.get(id).callFrame.functionName === '(idle)') continue;
    busyMicros += micros;
    const seen = new Set();
    for (let node = id; node !== undefined; node = parent.get(node)) {
      const { url, functionName } = byId.get(node).callFrame;
      if (url && !url.startsWith('node:')) seen.add(profileCategory(url, functionName)); // node: roots every stack
    }
    for (const category of seen) onStack.set(category, (onStack.get(category) || 0) + micros);
  }
  const categories = new Map();
  const functions = new Map();
  for (const [id, micros] of self) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const category = profileCategory(url, functionName);
    categories.set(category, (categories.get(category) || 0) + micros);
    const where = url ? `${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    functions.set(key, (functions.get(key) || 0) + micros);
  }
  // Self time with Node's and V8's own work (sockets, GC aside) charged to the nearest package or
  // Dragnet frame that called it: which layer the time is spent for.
  const charged = new Map();
  for (const [id, micros] of self) {
    let category = profileCategory(byId.get(id).callFrame.url, byId.get(id).callFrame.functionName);
    for (let node = id; node !== undefined; node = parent.get(node)) {
      const { url, functionName } = byId.get(node).callFrame;
      if (url && !url.startsWith('node:')) {
        category = profileCategory(url, functionName);
        break;
      }
    }
    charged.set(category, (charged.get(category) || 0) + micros);
  }
  const pct = (micros) => `${((100 * micros) / total).toFixed(1)}%`;
  const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
  const busy = total - (categories.get('(idle)') || 0);
  return [
    `CPU profile ${file}: ${(total / 1e6).toFixed(1)} s sampled, ${((100 * busy) / total).toFixed(0)}% busy`,
    'self time by package:',
    ...sorted(categories).map(([name, micros]) => `  ${pct(micros).padStart(6)}  ${name}`),
    'self time by function:',
    ...sorted(functions).map(([name, micros]) => `  ${pct(micros).padStart(6)}  ${name}`),
    'self time, native and Node core work charged to the package that called it:',
    ...sorted(charged).map(([name, micros]) => `  ${pct(micros).padStart(6)}  ${name}`),
    'share of the busy time with the package anywhere on the stack (callers included):',
    ...sorted(onStack).map(
      ([name, micros]) => `  ${`${((100 * micros) / Math.max(1, busyMicros)).toFixed(1)}%`.padStart(6)}  ${name}`,
    ),
  ].join('\n');
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

function readProc(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null; // gone, or not Linux
  }
}

/** CPU of a process in ms, from /proc: user + system, or one of them (null if gone or not Linux). */
function processCpuMs(pid, which = 'both') {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  const ticks = which === 'user' ? user : which === 'system' ? system : user + system;
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * Where the machine's CPU goes during a measured window (Linux only): `snapshot()` before and after,
 * `diff(before, after)` gives ms of CPU per category: each named process (user and kernel), the Postgres backends of
 * `database`, the Postgres server processes (WAL writer, checkpointer, ...), the Redis server, this
 * process (the load generator), and the machine's busy and total CPU ms.
 */
function cpuAccounting({ database, processes = {}, redisUrl = REDIS_URL }) {
  const redisPort = new URL(redisUrl).port || '6379';
  const snapshot = () => {
    const categories = new Map();
    const add = (category, pid, ms) => {
      if (ms === null) return;
      if (!categories.has(category)) categories.set(category, new Map());
      categories.get(category).set(pid, ms);
    };
    for (const [name, pid] of Object.entries(processes)) {
      if (!pid) continue;
      add(`${name}, user`, pid, processCpuMs(pid, 'user'));
      add(`${name}, kernel`, pid, processCpuMs(pid, 'system'));
    }
    let pids;
    try {
      pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
    } catch {
      pids = []; // not Linux
    }
    for (const pid of pids) {
      const cmdline = readProc(`/proc/${pid}/cmdline`);
      if (!cmdline) continue;
      const command = cmdline.replace(/\0/g, ' ').trim();
      if (command.startsWith('postgres:')) {
        if (command.includes(` ${database} `)) add('postgres backends', pid, processCpuMs(pid));
        else if (/^postgres: \S+: (checkpointer|background writer|walwriter|autovacuum launcher)/.test(command))
          add('postgres server', pid, processCpuMs(pid));
      } else if (/\/postgres -D /.test(command)) add('postgres server', pid, processCpuMs(pid));
      else if (/^(\S*\/)?redis-server /.test(command) && command.includes(`:${redisPort}`))
        add('redis-server', pid, processCpuMs(pid));
    }
    const usage = process.cpuUsage();
    add('load generator (this process)', process.pid, (usage.user + usage.system) / 1000);
    const cpu = (readProc('/proc/stat') || '').split('\n')[0].split(/\s+/).slice(1).map(Number);
    const idle = (cpu[3] || 0) + (cpu[4] || 0);
    const total = cpu.reduce((sum, value) => sum + (value || 0), 0);
    return {
      categories,
      machine: {
        busy: ((total - idle) * 1000) / CLOCK_TICKS_PER_SECOND,
        total: (total * 1000) / CLOCK_TICKS_PER_SECOND,
      },
    };
  };
  const diff = (before, after) => {
    const result = {};
    for (const [category, pids] of after.categories) {
      let ms = 0;
      for (const [pid, value] of pids) ms += value - (before.categories.get(category)?.get(pid) ?? 0);
      result[category] = ms;
    }
    return {
      categories: result,
      machineBusy: after.machine.busy - before.machine.busy,
      machineTotal: after.machine.total - before.machine.total,
    };
  };
  return { snapshot, diff };
}

/**
 * Command-line options shared by the benches: `--no-build`, `--smoke` (the `smoke` values: small data,
 * a second or two of load, for CI), `--portable` (no REDIS_URL: the queues, live events and login
 * limits on PostgreSQL), `--profile` where `profile` is allowed, `--<name>` for each key of
 * `defaults` that is false, and `--<name> <number>` for each that is a number. Given values win over
 * the smoke ones.
 */
function parseOptions(argv, defaults, { smoke = {}, profile = false } = {}) {
  const given = {};
  let build = true;
  let smokeMode = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = arg.slice(2);
    if (arg === '--no-build') build = false;
    else if (arg === '--smoke') smokeMode = true;
    else if (arg === '--portable') onPostgres = true;
    else if (arg === '--profile' && profile) given.profile = true;
    else if (arg.startsWith('--') && defaults[name] === false) given[name] = true;
    else if (arg.startsWith('--') && typeof defaults[name] === 'number') {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value <= 0) throw new Error(`${arg} needs a positive number`);
      given[name] = value;
    } else throw new Error(`Unknown argument ${arg}`);
  }
  return {
    profile: false,
    ...defaults,
    ...(smokeMode ? smoke : {}),
    ...given,
    build,
    smoke: smokeMode,
    portable: onPostgres,
  };
}

/** One autocannon run, summarised: req/s, latencies, and every kind of failure it counts. */
async function loadTest({ url, connections, duration, headers, expectBody, requests }) {
  const autocannon = require('autocannon');
  const given = Object.entries({ headers, expectBody, requests }).filter(([, value]) => value !== undefined);
  const result = await autocannon({ url, connections, duration, ...Object.fromEntries(given) });
  return {
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
  };
}

/**
 * How a cost grows with size: one line per size with the cost, the cost per unit, and the growth
 * factor of each step against the size's (1.0 = linear; well above 1 is a super-linear step).
 * `rows`: [{ size, cost, ...extra }]; `columns`: the extra columns' headers, in order.
 */
function growthTable(title, { sizeLabel, costLabel, unit }, rows, columns = []) {
  const lines = rows.map((row, i) => {
    const previous = rows[i - 1];
    const step = previous ? (row.cost / previous.cost / (row.size / previous.size)).toFixed(2) : '-';
    return [
      row.size.toLocaleString('en'),
      row.cost.toFixed(row.cost < 10 ? 2 : 0),
      ((row.cost / row.size) * unit.per).toFixed(3),
      step,
      ...columns.map((column) => row[column.key]),
    ];
  });
  return `${title}\n${formatTable(
    [sizeLabel, costLabel, `${costLabel} per ${unit.name}`, 'step vs linear', ...columns.map((c) => c.header)],
    lines,
  )}`;
}

/**
 * Dragnet against its baseline per load level (rows: { name: 'dragnet' | 'baseline', connections,
 * rps, p99 }): prints the req/s and p99 ratios and how each side's latency grows with load; returns
 * [{ connections, ratio, met }] (a run without answers never meets the goal).
 */
function reportLoadRatios(rows, minRatio) {
  const levels = [...new Set(rows.map((r) => r.connections))];
  const goals = levels.map((connections) => {
    const dragnet = rows.find((r) => r.name === 'dragnet' && r.connections === connections);
    const baseline = rows.find((r) => r.name === 'baseline' && r.connections === connections);
    const ratio = dragnet.rps / baseline.rps;
    console.log(
      `ratio Dragnet/baseline at ${connections} connections: req/s ${ratio.toFixed(2)} (goal >= ${minRatio}), ` +
        `p99 ${(dragnet.p99 / baseline.p99).toFixed(2)} (Dragnet p99 ${dragnet.p99.toFixed(1)} ms)`,
    );
    return { connections, ratio, met: ratio >= minRatio && Number.isFinite(ratio) };
  });
  console.log('');
  for (const name of ['dragnet', 'baseline']) {
    console.log(
      growthTable(
        `Growth with load, ${name}: p99 latency and req/s by connections:`,
        { sizeLabel: 'connections', costLabel: 'p99 ms', unit: { name: 'connection', per: 1 } },
        rows.filter((r) => r.name === name).map((r) => ({ size: r.connections, cost: r.p99, rps: r.rps.toFixed(0) })),
        [{ key: 'rps', header: 'req/s' }],
      ),
    );
  }
  return goals;
}

module.exports = {
  ROOT,
  parseOptions,
  loadTest,
  growthTable,
  reportLoadRatios,
  startBaselineServer,
  ownStatements,
  statementRecorder,
  assertSameStatements,
  statementDrift,
  log,
  sleep,
  ensureBuilt,
  adminQuery,
  call,
  startDragnet,
  stopChild,
  coordinatorToken,
  percentile,
  login,
  createUser,
  advanceOperation,
  withClient,
  formatTable,
  cleanupOnExit,
  cpuProfiler,
  summariseCpuProfile,
  processCpuMs,
  cpuAccounting,
};
