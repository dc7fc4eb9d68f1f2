// Shared by the benchmarks: build check, a fresh database, the built API as a child process, setup calls.
const { spawn, execSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const API_MAIN = path.join(ROOT, 'dist/apps/api/apps/api/src/main.js');
const PG_SERVER_URL = (process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
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

/**
 * Starts the built API on a fresh database with a first admin; resolves once /api/health is 200.
 * Returns what the caller needs to talk to it and to clean up.
 */
async function startDragnet(database) {
  await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  const port = await freePort();
  const admin = { email: 'bench-admin@dragnet.example', password: 'correct-horse-battery-staple' };
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: `${PG_SERVER_URL}/${database}`,
    REDIS_URL,
    PORT: String(port),
    JWT_SECRET: crypto.randomBytes(32).toString('hex'),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    QUEUE_PREFIX: `{bench-${database}}`,
    LOG_LEVEL: 'warn',
    MAIL_OUTBOX_DIR: path.join(os.tmpdir(), 'dragnet-bench-outbox'),
  };
  const child = spawn(process.execPath, [API_MAIN], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const base = `http://127.0.0.1:${port}/api`;
  const stop = async () => {
    await stopChild(child, 'Dragnet API');
    await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch((error) =>
      log(`could not drop ${database}: ${error.message}`),
    );
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`Dragnet API exited during boot (${JSON.stringify(exited)})`);
    try {
      if ((await fetch(`${base}/health`)).status === 200)
        return { child, base, env, admin, databaseUrl: env.DATABASE_URL, stop };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stop();
  throw new Error('Dragnet API did not become healthy within 90 s');
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

module.exports = {
  ROOT,
  log,
  sleep,
  ensureBuilt,
  adminQuery,
  call,
  startDragnet,
  stopChild,
  coordinatorToken,
  percentile,
};
