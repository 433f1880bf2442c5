import { defineConfig } from 'vitest/config';

// Tests import workspace packages from their TypeScript sources (the "source" export condition),
// so a unit test never runs stale build output. End-to-end tests run the built CLI (`pnpm build` first).
export default defineConfig({
  resolve: { conditions: ['source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['source', 'import', 'module', 'node', 'default'], externalConditions: ['source'] } },
  test: {
    include: ['packages/*/tests/**/*.test.ts', 'scanners/*/tests/**/*.test.ts', 'rules/tests/**/*.test.ts', 'test/**/*.test.ts'],
    // Fixture projects hold files named *.test.ts that are inputs, not tests.
    // test/install is the install test (`pnpm test:e2e-dist`, vitest.dist.config.ts): slow, a registry of its own.
    exclude: ['**/node_modules/**', '**/dist/**', 'test/fixtures/**', '**/fixtures/**', 'test/install/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
