// Name search over 100,000 targets: p99 latency of GET /api/operations/:id/targets?q=... (target: under
// 50 ms), against the same two SQL statements sent straight through pg in the same run.
// Run: npm run bench:target-search [-- --no-build --targets 100000 --requests 2000 --concurrency 1]
const path = require('node:path');
const { Client } = require('pg');
const { ROOT, log, ensureBuilt, call, startDragnet, coordinatorToken, percentile } = require('./lib/harness');

const GIVEN = [
  'Mohammed',
  'Muhammad',
  'Mohamed',
  'Ahmed',
  'Ahmad',
  'Youssef',
  'Yusuf',
  'Omar',
  'Umar',
  'Ibrahim',
  'Ebrahim',
  'Khaled',
  'Khalid',
  'Hassan',
  'Hussein',
  'Ali',
  'Abdel',
  'Abdul',
  'Mustafa',
  'Mostafa',
  'Karim',
  'Samir',
  'Tariq',
  'Tarek',
  'Bilal',
  'Amir',
  'Nabil',
  'Rami',
  'Fadi',
  'Walid',
  'Osman',
  'Usman',
  'Jamal',
  'Gamal',
  'Said',
  'Saeed',
  'Hamza',
  'Idris',
  'Anas',
  'Zakaria',
];
const FAMILY = [
  'Al Masri',
  'Almasri',
  'El-Masry',
  'Haddad',
  'Hadad',
  'Benali',
  'Ben Ali',
  'Mansour',
  'Mansur',
  'Khoury',
  'Kouri',
  'Nasser',
  'Nasir',
  'Saleh',
  'Salih',
  'Hamdan',
  'Othman',
  'Osman',
  'Darwish',
  'Derviş',
  'Yilmaz',
  'Demir',
  'Kaya',
  'Celik',
  'Sahin',
  'Tesfaye',
  'Haile',
  'Abebe',
  'Tekle',
  'Gebre',
  'Diallo',
  'Traore',
  'Kone',
  'Toure',
  'Camara',
  'Popescu',
  'Ionescu',
  'Hoxha',
  'Krasniqi',
  'Berisha',
];
const COUNTRIES = ['IT', 'GR', 'ES', 'DE', 'FR', 'TR', 'LY', 'EG', 'NG', 'ER'];

function parseArgs(argv) {
  const options = { build: true, targets: 100_000, requests: 2_000, concurrency: 1 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--no-build') options.build = false;
    else if (['--targets', '--requests', '--concurrency'].includes(argv[i]))
      options[argv[i].slice(2)] = Number(argv[++i]);
    else throw new Error(`Unknown argument ${argv[i]}`);
  }
  return options;
}

/** A deterministic pseudo-random generator, so every run searches the same data. */
function random(seed) {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

async function seedTargets(databaseUrl, operationId, count) {
  const { searchNames, nameKeys } = require(path.join(ROOT, 'dist/apps/api/libs/domain/src/targets/name-folding.js'));
  const next = random(42);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const chunk = 2_000;
    for (let start = 0; start < count; start += chunk) {
      const rows = [];
      for (let index = start; index < Math.min(count, start + chunk); index++) {
        const given = `${pick(GIVEN)} ${next() < 0.3 ? pick(GIVEN) : ''}`.trim();
        const family = pick(FAMILY);
        const aliases = next() < 0.3 ? [`Abu ${pick(GIVEN)}`] : [];
        const country = pick(COUNTRIES);
        rows.push([
          operationId,
          `BENCH-${String(index + 1).padStart(6, '0')}`,
          family,
          given,
          aliases,
          country,
          searchNames(family, given, aliases),
          nameKeys(family, given, aliases),
        ]);
      }
      const values = rows.map((_, row) => {
        const at = (column) => `$${row * 8 + column}`;
        return `(${at(1)}, ${at(2)}, ${at(3)}, ${at(4)}, ${at(5)}, ${at(6)}, ${at(6)}, 'accepted', ${at(7)}, ${at(8)})`;
      });
      await client.query(
        `INSERT INTO targets (operation_id, reference, family_name, given_names, aliases, nominating_country, wanted_by_country, status, search_names, name_keys) VALUES ${values.join(', ')}`,
        rows.flat(),
      );
    }
    await client.query('ANALYZE targets');
  } finally {
    await client.end();
  }
}

/** Runs `requests` calls of `run(query)` with `concurrency` in flight; returns sorted latencies in ms. */
async function timeCalls(queries, requests, concurrency, run) {
  const latencies = [];
  let issued = 0;
  const worker = async () => {
    while (issued < requests) {
      const query = queries[issued++ % queries.length];
      const started = process.hrtime.bigint();
      await run(query);
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies.sort((a, b) => a - b);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  ensureBuilt(options.build);
  const dragnet = await startDragnet('dragnet_bench_search');
  process.once('SIGINT', () => dragnet.stop().finally(() => process.exit(130)));
  try {
    const token = await coordinatorToken(dragnet);
    const { json: operation } = await call(dragnet.base, 'POST', '/operations', {
      token,
      body: { code: 'HYDRA-2016', name: 'Operation Hydra' },
    });
    log(`seeding ${options.targets} targets`);
    await seedTargets(dragnet.databaseUrl, operation.id, options.targets);

    const next = random(7);
    const variants = {
      Mohammed: 'Mohamad',
      Youssef: 'Yousef',
      Khaled: 'Chaled',
      Almasri: 'Al-Masry',
      Haddad: 'Hadad',
      Mansour: 'Mansoor',
    };
    const queries = Array.from({ length: 200 }, () => {
      const given = GIVEN[Math.floor(next() * GIVEN.length)];
      const family = FAMILY[Math.floor(next() * FAMILY.length)];
      return `${variants[given] ?? given} ${variants[family] ?? family}`;
    });

    // Same statements as the API's list (page and count), straight through pg.
    const { foldName, searchKeys } = require(path.join(ROOT, 'dist/apps/api/libs/domain/src/targets/name-folding.js'));
    const pool = new (require('pg').Pool)({ connectionString: dragnet.databaseUrl, max: options.concurrency });
    const where = `t.operation_id = $1 AND t.merged_into_id IS NULL AND t.name_keys @> $2::text[]`;
    const baseline = (q) =>
      Promise.all([
        pool.query(
          `SELECT t.*, similarity(lower(t.given_names || ' ' || t.family_name), $3) AS relevance FROM targets t WHERE ${where} ORDER BY relevance DESC, t.reference ASC LIMIT 50`,
          [operation.id, searchKeys(q), foldName(q)],
        ),
        pool.query(`SELECT count(*) FROM targets t WHERE ${where}`, [operation.id, searchKeys(q)]),
      ]);
    const viaApi = async (q) => {
      const response = await fetch(`${dragnet.base}/operations/${operation.id}/targets?q=${encodeURIComponent(q)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status !== 200) throw new Error(`search answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    };
    const sample = await (
      await fetch(`${dragnet.base}/operations/${operation.id}/targets?q=${encodeURIComponent('Mohamed Al-Masry')}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json();
    log(
      `"Mohamed Al-Masry" matches ${sample.total} targets; first: ${sample.items[0]?.givenNames} ${sample.items[0]?.familyName}`,
    );

    log('warming up');
    await timeCalls(queries, 200, options.concurrency, viaApi);
    await timeCalls(queries, 200, options.concurrency, baseline);
    log(`measuring ${options.requests} searches, ${options.concurrency} in flight`);
    const api = await timeCalls(queries, options.requests, options.concurrency, viaApi);
    const raw = await timeCalls(queries, options.requests, options.concurrency, baseline);
    await pool.end();

    const row = (name, list) =>
      `${name.padEnd(10)} ${percentile(list, 0.5).toFixed(1).padStart(7)} ${percentile(list, 0.95).toFixed(1).padStart(7)} ${percentile(list, 0.99).toFixed(1).padStart(7)}`;
    console.log(
      `\nName search over ${options.targets} targets, ${options.requests} requests, ${options.concurrency} in flight, 200 distinct queries`,
    );
    console.log(`target     p50 ms  p95 ms  p99 ms`);
    console.log(row('dragnet', api));
    console.log(row('raw pg', raw));
    const p99 = percentile(api, 0.99);
    console.log(
      `\nratio Dragnet/raw pg p99: ${(p99 / percentile(raw, 0.99)).toFixed(2)}; Dragnet p99 ${p99.toFixed(1)} ms (goal: under 50 ms)`,
    );
    process.exitCode = p99 < 50 ? 0 : 1;
  } finally {
    await dragnet.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
