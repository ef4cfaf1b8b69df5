// End-to-end tests: the real `centre web` server (browser mode) driven in Debian's Chromium through
// playwright-core. Each test starts its own server on its own data folder. The renderer is built once,
// before any test (global-setup.ts). Run with `npm run test:e2e`.

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    pool: 'forks',
    // Each file starts Chromium and servers of its own; two at a time keeps a laptop responsive.
    maxWorkers: 2,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
