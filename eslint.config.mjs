import js from '@eslint/js';
import globals from 'globals';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The domain's areas in their one order: an area imports only the front doors (`<area>/index.ts`)
 * of the areas before it. libs/domain/src/index.ts describes the same order; keep the two alike.
 */
export const DOMAIN_AREAS = [
  'common',
  'audit',
  'accounts',
  'operations',
  'targets',
  'notices',
  'leads',
  'tasks',
  'networks',
  'live',
  'rollups',
  'reminders',
  'exports',
];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The libraries are entered through their barrels; only a unit spec inside an area reaches behind a door. */
const THROUGH_BARRELS = {
  regex: '^@dragnet/(domain|platform)/',
  message: "Import '@dragnet/domain' or '@dragnet/platform', not a file behind them.",
};
const NO_APPS = { regex: '(^|/)apps/', message: 'The libraries know no app.' };
const NO_LIBS_BY_PATH = {
  regex: '(^|/)libs/',
  message: "Import '@dragnet/domain' or '@dragnet/platform', not libs/ by path.",
};
const NO_DIST = { regex: '(^|/)dist/', message: 'Import the sources, never the build in dist/.' };

/** The rules of one domain file: `depth` folders below libs/domain/src, in `area` (null: the root barrel and schema). */
function domainPatterns(area, depth) {
  const up = depth === 0 ? '\\./' : escape('../'.repeat(depth));
  const rank = area === null ? DOMAIN_AREAS.length : DOMAIN_AREAS.indexOf(area);
  const patterns = [
    NO_APPS,
    { regex: '^@dragnet/domain', message: 'Inside the domain, import an area through its door by relative path.' },
  ];
  DOMAIN_AREAS.forEach((other, index) => {
    if (other === area) return;
    if (index > rank)
      patterns.push({
        regex: `^${up}${other}(/|$)`,
        message: `${area} comes before ${other} in the area order (eslint.config.mjs DOMAIN_AREAS): it may not import it. Let ${other} provide a port ${area} owns instead.`,
      });
    patterns.push({
      regex: `^${up}${other}/`,
      message: `Import ${other} through its front door ('${'../'.repeat(depth) || './'}${other}'), not a file behind it.`,
    });
  });
  return patterns;
}

const restrict = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

/** `require(...)` and `import(...)` of the build, and paths into the built libraries, in bench and test code. */
const NO_DIST_SYNTAX = [
  {
    selector: "CallExpression[callee.name='require'] Literal[value=/(^|\\/)dist\\//]",
    message: 'Bench and test code never requires the build in dist/.',
  },
  {
    selector: 'ImportExpression Literal[value=/(^|\\/)dist\\//]',
    message: 'Bench and test code never imports the build in dist/.',
  },
  {
    selector: 'Literal[value=/(^|\\/)dist\\/apps\\/[^/]+\\/libs\\//]',
    message: 'Bench and test code never reaches into the built libraries in dist/; use the sources or the running app.',
  },
];
/** The console's features (apps/console/src/features/<area>): each stands alone, shared code sits outside them. */
const CONSOLE_FEATURES = ['auth', 'operations', 'board', 'targets', 'tasks', 'leads', 'notices', 'exports', 'admin', 'field', 'map', 'networks'];
const CONSOLE_KNOWS_ONLY_THE_API = {
  // Relative paths only: a package's own dist/ (maplibre-gl/dist/...) is fine.
  regex: '(^|\\.\\./)(libs|dist)/|^@dragnet/|(^|\\.\\./)apps/(api|worker|cli)/',
  message: 'The console knows the API only through its OpenAPI document (lib/api), never the server code.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'var/**', 'coverage/**', 'eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    // `const crypto = require('node:crypto')` is the clearest way to write it, global or not.
    rules: { 'no-redeclare': ['error', { builtinGlobals: false }] },
  },
  // Import boundaries. The rooms: apps -> domain -> platform; api and worker never import each other.
  restrict(['libs/domain/src/*.ts'], domainPatterns(null, 0)),
  ...DOMAIN_AREAS.flatMap((area) =>
    [1, 2, 3].map((depth) =>
      restrict([`libs/domain/src/${area}/${'*/'.repeat(depth - 1)}*.ts`], domainPatterns(area, depth)),
    ),
  ),
  restrict(
    ['libs/platform/**/*.ts'],
    [
      NO_APPS,
      {
        regex: '^@dragnet/domain|(^|/)domain/',
        message: 'The platform knows no business rule: it never imports the domain.',
      },
    ],
  ),
  restrict(
    ['apps/api/**/*.ts'],
    [THROUGH_BARRELS, NO_LIBS_BY_PATH, { regex: '(^|/)worker/', message: 'The API never imports the worker.' }],
  ),
  restrict(
    ['apps/worker/**/*.ts'],
    [THROUGH_BARRELS, NO_LIBS_BY_PATH, { regex: '(^|/)api/', message: 'The worker never imports the API.' }],
  ),
  restrict(['apps/cli/**/*.ts'], [THROUGH_BARRELS, NO_LIBS_BY_PATH]),
  restrict(['test/**/*.ts', 'bench/**/*.js'], [THROUGH_BARRELS, NO_LIBS_BY_PATH, NO_DIST]),
  { files: ['test/**/*.ts', 'bench/**/*.js'], rules: { 'no-restricted-syntax': ['error', ...NO_DIST_SYNTAX] } },
  // The web console: browser code with React's hook rules; features never import each other.
  {
    files: ['apps/console/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['apps/console/src/**/*.{ts,tsx}'],
    rules: {
      // The stricter React Compiler rules of react-hooks 7 stay advisory until the console adopts the compiler.
      'react-hooks/refs': 'off',
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/incompatible-library': 'off',
    },
  },
  restrict(['apps/console/src/**/*.{ts,tsx}'], [CONSOLE_KNOWS_ONLY_THE_API]),
  ...CONSOLE_FEATURES.map((feature) =>
    restrict(
      [`apps/console/src/features/${feature}/**/*.{ts,tsx}`],
      [
        CONSOLE_KNOWS_ONLY_THE_API,
        {
          regex: `(^|/)features/(?!${feature}/)`,
          message: `Features never import each other: move what ${feature} shares to components/, hooks/ or lib/.`,
        },
      ],
    ),
  ),
  {
    files: ['apps/console/e2e/**/*.ts', 'apps/console/*.ts', 'apps/console/scripts/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
