/* eslint-disable no-restricted-syntax -- the plants below name dist/ on purpose: they are linted as text, never run. */
import { execFileSync } from 'node:child_process';

/** A planted import, where it is planted, and whether `npm run lint` must refuse it. */
interface Plant {
  what: string;
  filePath: string;
  code: string;
  refused: boolean;
}

const PLANTS: Plant[] = [
  {
    what: 'domain -> apps',
    filePath: 'libs/domain/src/leads/planted.ts',
    code: "import { ApiModule } from '../../../../apps/api/src/api.module';\nexport const planted = ApiModule;\n",
    refused: true,
  },
  {
    what: 'platform -> domain',
    filePath: 'libs/platform/src/queue/planted.ts',
    code: "import { Role } from '@dragnet/domain';\nexport const planted = Role;\n",
    refused: true,
  },
  {
    what: 'api -> worker',
    filePath: 'apps/api/src/planted.ts',
    code: "import { WorkerModule } from '../../worker/src/worker.module';\nexport const planted = WorkerModule;\n",
    refused: true,
  },
  {
    what: 'worker -> api',
    filePath: 'apps/worker/src/processors/planted.ts',
    code: "import { ApiModule } from '../../../api/src/api.module';\nexport const planted = ApiModule;\n",
    refused: true,
  },
  {
    what: 'a cross-area import that skips the front door',
    filePath: 'libs/domain/src/tasks/planted.ts',
    code: "import { Lead } from '../leads/lead.entity';\nexport const planted = Lead;\n",
    refused: true,
  },
  {
    what: 'a cross-area import that skips the front door, from a subfolder',
    filePath: 'libs/domain/src/targets/import/planted.ts',
    code: "import { Operation } from '../../operations/operation.entity';\nexport const planted = Operation;\n",
    refused: true,
  },
  {
    what: 'a cross-area import against the area order',
    filePath: 'libs/domain/src/operations/planted.ts',
    code: "import { RollupsService } from '../rollups';\nexport const planted = RollupsService;\n",
    refused: true,
  },
  {
    what: 'an app reaching behind the domain barrel',
    filePath: 'apps/api/src/targets/planted.ts',
    code: "import { searchNames } from '@dragnet/domain/targets/name-folding';\nexport const planted = searchNames;\n",
    refused: true,
  },
  {
    what: 'test code importing the build',
    filePath: 'test/planted.e2e-spec.ts',
    code: "import { Role } from '../dist/apps/api/libs/domain/src';\nexport const planted = Role;\n",
    refused: true,
  },
  {
    what: 'bench code requiring the build',
    filePath: 'bench/planted.bench.js',
    code: "const path = require('node:path');\nconst { searchNames } = require(path.join(__dirname, '..', 'dist/apps/api/libs/domain/src/targets/name-folding.js'));\nmodule.exports = searchNames;\n",
    refused: true,
  },
  {
    what: 'an earlier area through its front door',
    filePath: 'libs/domain/src/tasks/planted.ts',
    code: "import { Lead } from '../leads';\nexport const planted = Lead;\n",
    refused: false,
  },
  {
    what: 'a sibling inside the area',
    filePath: 'libs/domain/src/tasks/planted.ts',
    code: "import { Task } from './task.entity';\nexport const planted = Task;\n",
    refused: false,
  },
];

/** Lints each plant with the project's own ESLint configuration, in a plain Node process (ESLint loads its config as ES module). */
function lintPlants(plants: Plant[]): string[][] {
  const root = process.cwd();
  const script = `
    const { ESLint } = require('eslint');
    const plants = JSON.parse(process.argv[1]);
    (async () => {
      const eslint = new ESLint({ cwd: ${JSON.stringify(root)} });
      const out = [];
      for (const plant of plants) {
        const [result] = await eslint.lintText(plant.code, { filePath: plant.filePath });
        out.push(result.messages.map((m) => m.ruleId + ': ' + m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((error) => { console.error(error); process.exit(1); });`;
  const output = execFileSync(process.execPath, ['-e', script, JSON.stringify(plants)], {
    cwd: root,
    encoding: 'utf8',
  });
  return JSON.parse(output) as string[][];
}

describe('Import boundaries (npm run lint)', () => {
  const messages = lintPlants(PLANTS);

  it.each(PLANTS.map((plant, index) => [plant.what, plant, index] as const))('%s', (_what, plant, index) => {
    const boundaryProblems = messages[index].filter((message) => /^no-restricted-(imports|syntax)/.test(message));
    if (plant.refused) expect(boundaryProblems).not.toHaveLength(0);
    else expect(boundaryProblems).toEqual([]);
  });
});
