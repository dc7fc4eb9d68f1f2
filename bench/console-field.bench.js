#!/usr/bin/env node
'use strict';
/* global window, document, MutationObserver -- functions passed to the browser run there */
/**
 * Benchmark: the investigator's lead form (/report/:operationId/:targetId) opened on a phone-class
 * device, as a first visit (no cache, no service worker yet), in Debian's Chromium with Chrome
 * DevTools' "Slow 4G" network (562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up) and a 4x CPU
 * slowdown, both set through the DevTools protocol. Measured per run:
 *   - the JavaScript the route loads, gzipped here (level 6, as a web server would send it);
 *   - time to usable: from navigation start until the form's send button is in the page (React has
 *     drawn the form, with every field and the outbox, and handles input).
 * The sign-in page, measured the same way in the same run, is the baseline beside it.
 *
 *   npm run bench:console-field [-- --no-build --runs 3]
 *
 * Goals (issue 17): at most 200 kB of gzipped JavaScript (the map is not loaded), usable within
 * 2 s (median of the runs). Exits non-zero if a goal is missed or the map's code was loaded.
 */
const zlib = require('node:zlib');
const { chromium } = require('@playwright/test');
const {
  log,
  ensureBuilt,
  call,
  startDragnet,
  login,
  createUser,
  advanceOperation,
  formatTable,
  cleanupOnExit,
} = require('./lib/harness');

const DB_NAME = 'dragnet_bench_console_field';
const MAX_GZIP_BYTES = 200_000;
const MAX_USABLE_MS = 2_000;
// Chrome DevTools' "Slow 4G" preset (Lighthouse's mobile profile with DevTools' multipliers).
const SLOW_4G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: Math.round((1.6 * 1024 * 1024 * 0.9) / 8),
  uploadThroughput: Math.round((750 * 1024 * 0.9) / 8),
};
const CPU_SLOWDOWN = 4;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

/** Opens `url` in a fresh context under the throttling; returns its JavaScript and when it became usable. */
async function measure(browser, url, { token, ready }) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  if (token) {
    // The session as the console keeps it (sessionStorage), so the route opens signed in.
    await context.addInitScript((session) => sessionStorage.setItem('dragnet.session', JSON.stringify(session)), {
      token,
      expiresAt: Date.now() + 3_600_000,
    });
  }
  // Records the moment the page's ready element appears, without polling from outside.
  await context.addInitScript((selector) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector(selector)) {
        window.__usableAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  }, ready);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const scripts = new Map();
  cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
    if (type === 'Script') scripts.set(requestId, { url: response.url, transferred: 0 });
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const script = scripts.get(requestId);
    if (script) script.transferred = encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__usableAt !== undefined, undefined, { timeout: 60_000 });
  const usableMs = await page.evaluate(() => window.__usableAt);
  await page.waitForLoadState('networkidle');
  let raw = 0;
  let gzip = 0;
  for (const requestId of scripts.keys()) {
    const { body, base64Encoded } = await cdp.send('Network.getResponseBody', { requestId });
    const bytes = Buffer.from(body, base64Encoded ? 'base64' : 'utf8');
    raw += bytes.length;
    gzip += zlib.gzipSync(bytes, { level: 6 }).length;
  }
  const urls = [...scripts.values()].map((script) => new URL(script.url).pathname);
  await context.close();
  return { usableMs, raw, gzip, files: urls.length, mapLoaded: urls.some((path) => /maplibre|map-page/.test(path)) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

async function main() {
  const runs = option('runs', 3);
  ensureBuilt(!process.argv.includes('--no-build'));
  const dragnet = await startDragnet(DB_NAME);
  cleanupOnExit(dragnet.stop);
  let browser;
  try {
    const base = dragnet.base;
    const origin = base.replace(/\/api$/, '');
    const adminToken = await login(base, dragnet.admin.email, dragnet.admin.password);
    const password = 'a field bench passphrase, long enough';
    await createUser(base, adminToken, { email: 'bench-coord@dragnet.example', password, role: 'coordinator' });
    await createUser(base, adminToken, {
      email: 'bench-it@dragnet.example',
      password,
      role: 'investigator',
      country: 'IT',
    });
    const coordinator = await login(base, 'bench-coord@dragnet.example', password);
    const investigator = await login(base, 'bench-it@dragnet.example', password);
    const operation = (
      await call(base, 'POST', '/operations', {
        token: coordinator,
        body: { code: 'BENCH-FIELD', name: 'Bench field' },
      })
    ).json;
    await call(base, 'POST', `/operations/${operation.id}/participants`, {
      token: coordinator,
      body: { country: 'IT', roles: ['destination'], ncbName: 'NCB Rome', focalPointEmails: ['ncb@bench.example'] },
    });
    await advanceOperation(base, coordinator, operation.id, 'nomination');
    const target = (
      await call(base, 'POST', `/operations/${operation.id}/targets`, {
        token: coordinator,
        body: { familyName: 'Bench', nominatingCountry: 'IT', wantedByCountry: 'IT' },
      })
    ).json;
    await advanceOperation(base, coordinator, operation.id, 'active');

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    const pages = {
      'sign-in page (baseline)': { url: `${origin}/sign-in`, ready: 'form button[type="submit"]' },
      'lead form route': {
        url: `${origin}/report/${operation.id}/${target.id}`,
        token: investigator,
        ready: 'form button[type="submit"]',
      },
    };
    const results = {};
    for (const [name, spec] of Object.entries(pages)) {
      results[name] = [];
      for (let run = 0; run < runs; run += 1) {
        const result = await measure(browser, spec.url, spec);
        log(
          `${name} run ${run + 1}: usable ${Math.round(result.usableMs)} ms, JS ${kB(result.gzip)} gzipped (${kB(result.raw)} raw, ${result.files} files)`,
        );
        results[name].push(result);
      }
    }
    const rows = Object.entries(results).map(([name, list]) => [
      name,
      `${Math.round(median(list.map((result) => result.usableMs)))} ms`,
      kB(median(list.map((result) => result.gzip))),
      kB(median(list.map((result) => result.raw))),
      String(list[0].files),
    ]);
    console.log(
      formatTable(['page (Slow 4G, 4x CPU, first visit)', 'usable (median)', 'JS gzipped', 'JS raw', 'JS files'], rows),
    );

    const form = results['lead form route'];
    const failures = [];
    const formGzip = median(form.map((result) => result.gzip));
    const formUsable = median(form.map((result) => result.usableMs));
    if (formGzip > MAX_GZIP_BYTES) failures.push(`lead form JS ${kB(formGzip)} gzipped > ${kB(MAX_GZIP_BYTES)}`);
    if (formUsable > MAX_USABLE_MS)
      failures.push(`lead form usable after ${Math.round(formUsable)} ms > ${MAX_USABLE_MS} ms`);
    if (form.some((result) => result.mapLoaded)) failures.push('the lead form loaded the map’s code');
    if (failures.length > 0) {
      console.log(`FAIL: ${failures.join('; ')}`);
      process.exitCode = 1;
    } else {
      console.log(
        `PASS: lead form ${kB(formGzip)} gzipped JS (goal ≤ ${kB(MAX_GZIP_BYTES)}), usable in ${Math.round(formUsable)} ms (goal ≤ ${MAX_USABLE_MS} ms)`,
      );
    }
  } finally {
    await browser?.close();
    await dragnet.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
