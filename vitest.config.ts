import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'functions/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/build/**/*.test.ts', 'tests/security/**/*.test.ts', 'tests/workflows/**/*.test.ts'],
    testTimeout: 60_000,
    // Suites remove dozens of temporary repositories afterwards; on a busy machine that takes more than the default 10 s.
    hookTimeout: 60_000,
    // Every temporary folder of the run in one, removed at the end (tests/support/test-tmpdir.ts).
    globalSetup: ['tests/support/vitest-global-setup.ts'],
  },
});
