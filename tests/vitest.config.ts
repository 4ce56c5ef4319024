import { defineConfig } from 'vitest/config';

/** Every database test runs twice: on embedded PGlite and on the PostgreSQL at TEST_DATABASE_URL. */
const DATABASE_TESTS = ['src/engine/**/*.test.ts', 'src/api/**/*.test.ts', 'src/cli/**/*.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['src/support/global-setup.ts'],
    reporters: ['default', './src/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'pglite', include: DATABASE_TESTS, env: { FORECOURT_TEST_DB: 'pglite' } },
      },
      {
        extends: true,
        test: { name: 'postgres', include: DATABASE_TESTS, env: { FORECOURT_TEST_DB: 'postgres' } },
      },
      {
        // Browser tests (and the web app's static checks): once, on PGlite, after the database tests,
        // one file at a time (each drives a Chromium), against the built web app.
        extends: true,
        test: {
          name: 'e2e',
          include: ['src/e2e/**/*.test.ts'],
          env: { FORECOURT_TEST_DB: 'pglite' },
          globalSetup: ['src/support/global-setup.ts', 'src/e2e/global-setup.ts'],
          maxWorkers: 1,
          testTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
