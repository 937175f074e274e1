// Browser tests drive the Chromium that test/e2e/find-chromium.ts finds (CHROMIUM_PATH, Playwright's
// own, the system's, or the one inside the @sparticuz/chromium package), so a bare machine needs none.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './test/e2e/find-chromium.js';

// Found once by the runner and handed to its workers, which load this file again.
process.env.CHROMIUM_PATH ??= findChromium().path;

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/helpers/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'off',
    screenshot: 'off',
  },
});
