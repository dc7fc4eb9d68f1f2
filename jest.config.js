/**
 * Unit tests sit next to the code (*.spec.ts); integration and e2e tests live in test/ (*.e2e-spec.ts).
 * NestJS 12, nodemailer and smtp-server ship as ES modules, so the tests run as ES modules too
 * (`node --experimental-vm-modules`, ts-jest with useESM); the built app stays CommonJS.
 */
module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testRegex: '\\.(spec|e2e-spec)\\.ts$',
  // The console's browser journeys are Playwright's (npm run test:console), not Jest's.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/console/e2e/'],
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        useESM: true,
        tsconfig: '<rootDir>/tsconfig.spec.json',
        astTransformers: { before: ['<rootDir>/test/support/swagger-transformer.js'] },
      },
    ],
  },
  moduleNameMapper: {
    // The Swagger plugin's ESM output imports siblings as './x.js'; Jest resolves them to the .ts source.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^@dragnet/(platform|domain)$': '<rootDir>/libs/$1/src/index.ts',
    '^@dragnet/(platform|domain)/(.*)$': '<rootDir>/libs/$1/src/$2',
    // Its ES build imports JSON metadata without an import attribute, which Jest is about to refuse.
    '^libphonenumber-js$': '<rootDir>/node_modules/libphonenumber-js/index.cjs',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
