import { defineConfig } from 'vitest/config';

// The install test (`pnpm test:e2e-dist`): publishes the packages to a local npm registry and uses
// them from fresh projects as a user would. It runs the built packages, not sources.
export default defineConfig({
  test: {
    include: ['test/install/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
