import { defineConfig, devices } from '@playwright/test';

export default defineConfig({
  testDir: './test',
  outputDir: './test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  // No retry: the suite waits for conditions, and a failure is worth a look rather than a second try.
  retries: 0,
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
