// Playwright for the CMS: one worker drives Decap CMS against a throwaway git repository (tests/cms/cms-env.ts).
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS } from './playwright.config.ts';

export default defineConfig({
  testDir: 'tests/cms',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    viewport: { width: 1400, height: 1000 },
    trace: 'off',
  },
  projects: [{ name: 'cms', use: { ...devices['Desktop Chrome'], channel: undefined, viewport: { width: 1400, height: 1000 } } }],
});
