/** Test files: their secrets and logs are fixtures, not leaks (rules that honour `ignoreTestFiles`). */
const TEST_FILE = /(?:^|[\\/])(?:__tests__|__mocks__|__fixtures__|test|tests|spec|e2e)[\\/]|\.(?:test|spec|e2e)\.[cm]?[jt]sx?$/i;

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
