import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Jest runs from the repository root.
const ROOT = process.cwd();

/**
 * Dragnet's apps compiled by tsc into a scratch directory, in the layout of `npm run build`'s dist/,
 * for tests that run real processes. The compiled code imports @dragnet/*: the environment of
 * `environment()` maps them to the compiled libraries (tsconfig-paths, through NODE_OPTIONS so the
 * processes the launcher starts get it too).
 */
export class BuiltDragnet {
  readonly directory = join(ROOT, 'var', `test-build-${randomBytes(4).toString('hex')}`);

  async build(apps: ('api' | 'worker' | 'cli')[]): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    await Promise.all(
      apps.map((app) =>
        promisify(execFile)(
          process.execPath,
          [
            join(ROOT, 'node_modules/typescript/bin/tsc'),
            '-p',
            `apps/${app}/tsconfig.app.json`,
            '--outDir',
            join(this.directory, 'apps', app),
          ],
          { cwd: ROOT },
        ),
      ),
    );
    const compiled = (app: string, library: string) => [`apps/${app}/libs/${library}/src/index.js`];
    await writeFile(
      join(this.directory, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          baseUrl: '.',
          paths: { '@dragnet/platform': compiled(apps[0], 'platform'), '@dragnet/domain': compiled(apps[0], 'domain') },
        },
      }),
    );
  }

  /** The compiled entry point of an app. */
  main(app: 'api' | 'worker' | 'cli'): string {
    return join(this.directory, 'apps', app, 'apps', app, 'src', 'main.js');
  }

  environment(): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TS_NODE_PROJECT: join(this.directory, 'tsconfig.json'),
      NODE_OPTIONS: `--require ${join(ROOT, 'node_modules/tsconfig-paths/register.js')}`,
    };
  }

  async remove(): Promise<void> {
    await rm(this.directory, { recursive: true, force: true });
  }
}
