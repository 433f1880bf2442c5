import { relative } from 'node:path';

/** Test files: their secrets and logs are fixtures, not leaks (rules that honour `ignoreTestFiles`). */
const TEST_FILE = /(?:^|[\\/])(?:__tests__|__mocks__|__fixtures__|test|tests|spec|e2e)[\\/]|\.(?:test|spec|e2e)\.[cm]?[jt]sx?$/i;

/** Is the linted file a test file? Judged on its path relative to ESLint's cwd (a project may live under `test/`). */
export function isTestFileOf(context: { filename: string; cwd: string }, extra: string[] = []): boolean {
  const rel = relative(context.cwd, context.filename);
  return isTestFile(rel.startsWith('..') ? context.filename : rel, extra);
}

export function isTestFile(filename: string, extra: string[] = []): boolean {
  if (TEST_FILE.test(filename)) return true;
  return extra.some((p) => new RegExp(p).test(filename));
}

export const ignoreTestFilesSchema = {
  ignoreTestFiles: {
    type: 'boolean',
    description: 'Skip test files (`*.test.*`, `*.spec.*`, `__tests__/`, `test/`, `tests/`).',
  },
  testFilePatterns: {
    type: 'array',
    items: { type: 'string' },
    description: 'More regular expressions (on the file path) that mark test files.',
  },
} as const;
