import { defineConfig } from 'vitest/config';

/**
 * `npm run test:e2e`: the browser suite. One server for the whole run (test/e2e/global-setup.ts),
 * a real headless Chromium per test file, axe-core on every page. Files run one after another:
 * a browser and the server already keep a 2-core machine busy.
 */
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    // expect.poll waits 1 s by default: too short for a page whose code and data load after a click on a
    // machine shared with other work. A poll still ends at once when its value is right.
    expect: { poll: { timeout: 20_000 } },
  },
});
