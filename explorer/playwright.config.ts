import { defineConfig, devices } from '@playwright/test';

export default defineConfig({
  testDir: './test',
  outputDir: './test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  // Browser runs share two cores with a real server; one retry in CI keeps a slow moment from failing the build
  // (a retried pass is reported as flaky, not hidden).
  retries: process.env['CI'] ? 1 : 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
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
