import { defineConfig } from '@playwright/test';

/**
 * The console's browser tests: Debian's Chromium (Playwright's own download cannot run here)
 * against the real API and worker, started with a fresh database by the global setup.
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: '../../test-results/console/artifacts',
  globalSetup: './e2e/support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: '../../test-results/console/results.json' }]],
  use: {
    baseURL: process.env.DRAGNET_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    viewport: { width: 1366, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
