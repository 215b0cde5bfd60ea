import { defineConfig } from 'vitest/config';

/**
 * `npm test`: unit tests and the integration suite on a fresh in-memory PGlite per test file.
 * `npm run test:pg`: the same integration suite on the PostgreSQL server in TEST_DATABASE_URL.
 * The browser suite has its own config (vitest.e2e.config.ts).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          // Property tests run thousands of cases; on a busy 2-core machine 5 s is not always enough.
          testTimeout: 30_000,
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['src/**/*.int.test.ts', 'test/integration/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
