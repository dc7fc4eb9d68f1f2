import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TestDragnet } from './support/test-dragnet';

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

/** Redocly CLI's recommended rules over the document the API serves; any error fails the build. */
describe('OpenAPI document', () => {
  let dragnet: TestDragnet;
  let directory: string;

  beforeAll(async () => {
    dragnet = await TestDragnet.start();
    directory = await mkdtemp(join(tmpdir(), 'dragnet-openapi-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
    await dragnet.close();
  });

  it('passes `redocly lint` (recommended rules) without a single error', async () => {
    const document = (await dragnet.http.get('/api/docs-json').expect(200)).body;
    const file = join(directory, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    if (process.env.OPENAPI_DUMP) await writeFile(process.env.OPENAPI_DUMP, JSON.stringify(document, null, 1));
    const cli = join(process.cwd(), 'node_modules/@redocly/cli/bin/cli.js');
    // The CLI exits 1 when it finds errors; its JSON report is on stdout either way.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [cli, 'lint', file, '--extends=recommended', '--format=json', '--max-problems=1000'],
      {
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: LintProblem[] };
    const errors = report.problems
      .filter((problem) => problem.severity === 'error')
      .map((problem) => `${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`);
    console.log(`redocly lint: ${report.totals.errors} errors, ${report.totals.warnings} warnings`);
    expect(errors).toEqual([]);
  }, 120_000);
});
