#!/usr/bin/env node
'use strict';
/* global window, document -- the `ready` checks and page.evaluate callbacks run in the browser */
/**
 * Benchmark: the investigator's lead form (/report/:operationId/:targetId) opened on a phone-class
 * device in Debian's Chromium with Chromium's "Slow 4G" network preset (DevTools' and Puppeteer's
 * PredefinedNetworkConditions['Slow 4G']: 562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up,
 * decimal kilobits) and a 4x CPU slowdown, both set through the DevTools protocol, the HTTP cache
 * off. The API serves the build as it would in production (brotli files written by the console's
 * build). Each run measures, in one browser context:
 *   - the first visit: no service worker yet, everything from the network;
 *   - the repeat visit, an investigator's everyday case: once the service worker the first visit
 *     installed is active and controls the page (`navigator.serviceWorker.ready` and `controller`),
 *     that page is closed and the route opened in a new one, same throttling: the shell and its
 *     scripts come from the service worker, the API calls from the network.
 * Measured per visit:
 *   - the JavaScript the route loads before it is usable: each file gzipped here (level 6), which is
 *     what the goal counts, from the network or the service worker alike, and the bytes that really
 *     crossed the emulated network (brotli, with headers); scripts asked for after (the service
 *     worker's registration, code kept for signing out offline) are counted apart;
 *   - time to usable: from navigation start until the form can be filled in and sent: the send
 *     button is there and enabled, the narrative field is enabled, and the country field holds the
 *     investigator's own country (which needs its profile from the API). Checked on every frame;
 *   - the network floor of what the visit fetched before it was usable: sequential round trips ×
 *     562.5 ms + bytes / 180 kB/s, over the requests the network answered before the page was
 *     usable. A request's depth is 1 + that of the deepest request that had finished when it was
 *     sent (it may have waited for it), 1 if none had; the round trips are the deepest depth. A
 *     first visit needs at least three: the page, its scripts, then /api/me (asked for by the code).
 * The sign-in page's first visit, measured the same way in the same run, is the baseline beside it.
 *
 *   npm run bench:console-field [-- --no-build --runs 3]
 *   node bench/console-field.bench.js --smoke --no-build   # one run, no throttling: checks the
 *       pages become usable, the scripts arrive compressed, the map is not loaded and the repeat
 *       visit's scripts all come from the service worker; no goals
 *
 * Goals (issue 17): at most 200 kB of gzipped JavaScript on the lead form (the map is not loaded),
 * the repeat visit usable within 2 s (median of the runs). The first visit's time is reported
 * beside its network floor, not judged: ~196 kB over Slow 4G cannot be usable in 2 s (three
 * round trips and the bytes alone are ~2.8 s). Exits non-zero if a goal is missed, the map's code
 * was loaded or a repeat visit's script did not come from the service worker.
 *
 * Figures (docs/field.md, "Proof and figures"): 2 December 2026, shared 2-CPU machine, --runs 5,
 * load average 4.1 -> 3.8: lead form first visit 5106 ms (network floor 2965 ms, 3 round trips),
 * repeat visit 1959 ms median (1760-2427 ms; floor 569 ms, /api/me alone), 196.1 kB gzipped JS in
 * 25 files (all from the service worker on the repeat visit); sign-in first visit 3348 ms. At load
 * 9-12 the repeat visit was ~2.9 s: it is CPU-bound.
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
  parseOptions,
} = require('./lib/harness');

const DB_NAME = 'dragnet_bench_console_field';
const MAX_GZIP_BYTES = 200_000;
const MAX_USABLE_MS = 2_000;
// Chromium's "Slow 4G" preset, as DevTools defines it (NetworkManager's Slow4GConditions, called
// "Fast 3G" before 2024): 1.6 Mbit/s down and 750 kbit/s up times 0.9, latency 150 ms times 3.75.
// Bytes per second, decimal kilobits, as Chromium has them.
const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
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

/** A context as a phone's browser: signed in if `token`, recording when each page became usable. */
async function openContext(browser, { token, ready }) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  if (token) {
    // The session as the console keeps it (sessionStorage), so the route opens signed in.
    await context.addInitScript((session) => sessionStorage.setItem('dragnet.session', JSON.stringify(session)), {
      token,
      expiresAt: Date.now() + 3_600_000,
    });
  }
  // Records the first frame on which the page is usable (see `ready` below), checked in the page
  // itself on every frame, without polling from outside.
  // (Given as source, not through eval: the console's Content-Security-Policy forbids eval.)
  await context.addInitScript(`(() => {
    const usable = ${ready.toString()};
    const frame = () => {
      if (usable()) window.__usableAt = performance.now();
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })();`);
  return context;
}

/**
 * The network floor of what a visit fetched before it was usable: round trips × latency + bytes /
 * bandwidth. Counts the requests answered by the network (not by the service worker) that finished
 * before the page was usable. Round trips: a request's depth is 1 + the deepest request that had
 * finished before it was sent (it may have waited for that answer), 1 if none had; the visit's
 * round trips are the deepest depth. Bytes: everything those requests transferred (headers too).
 */
function networkFloor(requests, usableAt) {
  const answered = [...requests.values()]
    .filter(
      (request) => request.finishedAt !== undefined && !request.fromServiceWorker && request.finishedAt <= usableAt,
    )
    .sort((a, b) => a.sentAt - b.sentAt);
  let roundTrips = 0;
  let bytes = 0;
  for (const request of answered) {
    const before = answered.filter((other) => other.finishedAt <= request.sentAt);
    request.depth = 1 + Math.max(0, ...before.map((other) => other.depth ?? 0));
    roundTrips = Math.max(roundTrips, request.depth);
    bytes += request.transferred;
  }
  const ms = roundTrips * SLOW_4G.latency + (bytes / SLOW_4G.downloadThroughput) * 1000;
  return { roundTrips, bytes, requests: answered.length, ms };
}

/** Opens `url` in a new page of `context` (throttled unless a smoke run); its JavaScript and when it became usable. */
async function visit(context, url, { throttle }) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // No HTTP cache: a repeat visit gets its files from the service worker or not at all.
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttle) {
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  }
  const requests = new Map();
  let navigationSentAt;
  cdp.on('Network.requestWillBeSent', ({ requestId, timestamp, type, request }) => {
    if (type === 'Document' && navigationSentAt === undefined) navigationSentAt = timestamp;
    // data: URLs (Mantine's icons in CSS) never reach the network.
    if (!/^https?:/.test(request.url)) return;
    requests.set(requestId, { sentAt: timestamp, url: request.url, transferred: 0 });
  });
  cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
    const request = requests.get(requestId);
    if (!request) return;
    const headers = Object.fromEntries(
      Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), value]),
    );
    Object.assign(request, {
      type,
      encoding: headers['content-encoding'] ?? 'identity',
      fromServiceWorker: Boolean(response.fromServiceWorker),
    });
  });
  cdp.on('Network.loadingFinished', ({ requestId, timestamp, encodedDataLength }) => {
    const request = requests.get(requestId);
    if (!request) return;
    request.finishedAt = timestamp;
    request.transferred = encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__usableAt !== undefined, undefined, { timeout: 60_000 });
  const usableMs = await page.evaluate(() => window.__usableAt);
  await page.waitForLoadState('networkidle');
  const usableAt = navigationSentAt + usableMs / 1000;
  const result = {
    usableMs,
    later: { files: 0, gzip: 0 },
    raw: 0,
    gzip: 0,
    transferred: 0,
    css: 0,
    files: 0,
    fromServiceWorker: 0,
    encodings: new Set(),
    paths: [],
    floor: networkFloor(requests, usableAt),
  };
  for (const [requestId, file] of requests) {
    if (file.type === 'Stylesheet') {
      result.css += file.transferred;
      continue;
    }
    if (file.type !== 'Script') continue;
    const { body, base64Encoded } = await cdp.send('Network.getResponseBody', { requestId });
    const bytes = Buffer.from(body, base64Encoded ? 'base64' : 'utf8');
    result.paths.push(new URL(file.url).pathname);
    // What the page fetches once it is usable and idle (the service worker's registration, the
    // sign-out dialog kept for offline use) is counted apart: the route did not wait for it.
    if (file.sentAt > usableAt) {
      result.later.files += 1;
      result.later.gzip += zlib.gzipSync(bytes, { level: 6 }).length;
      continue;
    }
    result.raw += bytes.length;
    result.gzip += zlib.gzipSync(bytes, { level: 6 }).length;
    result.transferred += file.transferred;
    result.files += 1;
    if (file.fromServiceWorker) result.fromServiceWorker += 1;
    else result.encodings.add(file.encoding);
  }
  result.mapLoaded = result.paths.some((path) => /maplibre|map-page/.test(path));
  return { page, result };
}

/** Until the service worker is active and controls `page` (it registers once the page is idle). */
async function serviceWorkerControls(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
      );
  });
}

/**
 * A first visit in a fresh context and, if `repeat`, the repeat visit: once the service worker
 * controls the first page, that page is closed and the route opened in a new one, same context.
 */
async function measure(browser, url, { token, ready, throttle, repeat }) {
  const context = await openContext(browser, { token, ready });
  try {
    const first = await visit(context, url, { throttle });
    if (!repeat) return { first: first.result };
    await serviceWorkerControls(first.page);
    await first.page.close();
    const again = await visit(context, url, { throttle });
    return { first: first.result, repeat: again.result };
  } finally {
    await context.close();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

async function main() {
  const options = parseOptions(process.argv.slice(2), { runs: 3 }, { smoke: { runs: 1 } });
  const { runs, smoke } = options;
  ensureBuilt(options.build);
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
    // Usable: the form is drawn, its send button enabled and its fields enabled (React has drawn
    // them and handles input); on the lead form the country is already the investigator's own.
    const signInReady = () => {
      const form = document.querySelector('form');
      const send = form?.querySelector('button[type="submit"]');
      const fields = form ? [...form.querySelectorAll('input')] : [];
      return Boolean(send && !send.disabled && fields.length >= 2 && fields.every((field) => !field.disabled));
    };
    const leadFormReady = () => {
      const form = document.querySelector('form');
      const send = form?.querySelector('button[type="submit"]');
      const narrative = form?.querySelector('textarea');
      const fields = form ? [...form.querySelectorAll('input, select')] : [];
      const country = fields.some((field) => field.value === 'IT' || /\(IT\)$/.test(field.value));
      return Boolean(send && !send.disabled && narrative && !narrative.disabled && country);
    };
    const pages = {
      'sign-in page (baseline)': { url: `${origin}/sign-in`, ready: signInReady },
      'lead form route': {
        url: `${origin}/report/${operation.id}/${target.id}`,
        token: investigator,
        ready: leadFormReady,
        repeat: true,
      },
    };
    const describe = (result) =>
      `usable ${Math.round(result.usableMs)} ms (network floor ${Math.round(result.floor.ms)} ms: ` +
      `${result.floor.roundTrips} round trips, ${kB(result.floor.bytes)} in ${result.floor.requests} requests), ` +
      `JS ${kB(result.gzip)} gzipped (${result.files} files, ${result.fromServiceWorker} from the service worker; ` +
      `${kB(result.transferred)} transferred as ${[...result.encodings].join('/') || 'nothing'}, ${kB(result.raw)} raw), ` +
      `CSS ${kB(result.css)} transferred; after usable ${result.later.files} more scripts, ${kB(result.later.gzip)} gzipped`;
    // Each visit's runs, by row name.
    const results = {};
    for (const [name, spec] of Object.entries(pages)) {
      results[`${name}, first visit`] = [];
      if (spec.repeat) results[`${name}, repeat visit`] = [];
      for (let run = 0; run < runs; run += 1) {
        const { first, repeat } = await measure(browser, spec.url, { ...spec, throttle: !smoke });
        log(`${name} run ${run + 1}, first visit: ${describe(first)}`);
        results[`${name}, first visit`].push(first);
        if (repeat) {
          log(`${name} run ${run + 1}, repeat visit: ${describe(repeat)}`);
          results[`${name}, repeat visit`].push(repeat);
        }
      }
    }
    const rows = Object.entries(results).map(([name, list]) => [
      name,
      `${Math.round(median(list.map((result) => result.usableMs)))} ms`,
      `${Math.round(median(list.map((result) => result.floor.ms)))} ms (${median(list.map((result) => result.floor.roundTrips))} RT)`,
      kB(median(list.map((result) => result.gzip))),
      `${list[0].files} (${list[0].fromServiceWorker} SW)`,
      kB(median(list.map((result) => result.transferred))),
      kB(median(list.map((result) => result.raw))),
      kB(median(list.map((result) => result.css))),
    ]);
    const conditions = smoke ? 'smoke: no throttling' : 'Slow 4G, 4x CPU';
    console.log(
      formatTable(
        [
          `page (${conditions})`,
          'usable (median)',
          'Slow 4G floor',
          'JS gzip -6',
          'JS files',
          'JS transferred',
          'JS raw',
          'CSS transferred',
        ],
        rows,
      ),
    );

    const firstForm = results['lead form route, first visit'];
    const repeatForm = results['lead form route, repeat visit'];
    const failures = [];
    // Answers, checked in smoke runs too: the pages work, the code arrives compressed, no map, and
    // once the service worker is installed the route's scripts all come from it.
    for (const [name, list] of Object.entries(results)) {
      for (const result of list) {
        if (result.files === 0) failures.push(`${name} loaded no JavaScript`);
        if (result.encodings.has('identity')) failures.push(`${name}: a script was sent uncompressed`);
        if (result.mapLoaded) failures.push(`${name} loaded the map’s code`);
      }
    }
    for (const result of repeatForm) {
      if (result.fromServiceWorker < result.files)
        failures.push(
          `lead form, repeat visit: ${result.files - result.fromServiceWorker} scripts not from the service worker`,
        );
    }
    const formGzip = Math.max(...[firstForm, repeatForm].map((list) => median(list.map((result) => result.gzip))));
    const firstUsable = median(firstForm.map((result) => result.usableMs));
    const firstFloor = median(firstForm.map((result) => result.floor.ms));
    const repeatUsable = median(repeatForm.map((result) => result.usableMs));
    if (!smoke) {
      if (formGzip > MAX_GZIP_BYTES) failures.push(`lead form JS ${kB(formGzip)} gzipped > ${kB(MAX_GZIP_BYTES)}`);
      if (repeatUsable > MAX_USABLE_MS)
        failures.push(`lead form (repeat visit) usable after ${Math.round(repeatUsable)} ms > ${MAX_USABLE_MS} ms`);
    }
    const firstVisit = `first visit usable in ${Math.round(firstUsable)} ms (not judged; its network floor ${Math.round(firstFloor)} ms)`;
    if (failures.length > 0) {
      console.log(`FAIL: ${failures.join('; ')}; ${firstVisit}`);
      process.exitCode = 1;
    } else if (smoke) {
      console.log(
        `PASS (smoke, goals not judged): both pages usable, scripts compressed, no map on the lead form, ` +
          `its repeat visit's scripts all from the service worker`,
      );
    } else {
      console.log(
        `PASS: lead form ${kB(formGzip)} gzipped JS (goal ≤ ${kB(MAX_GZIP_BYTES)}), repeat visit usable in ` +
          `${Math.round(repeatUsable)} ms (goal ≤ ${MAX_USABLE_MS} ms); ${firstVisit}`,
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
