/**
 * `leakguard scan` through the worker pool, end to end with the built CLI (`pnpm build` first):
 * the same findings with one thread or several, skipped files noted, custom rules checked.
 */
import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from '../../../../test/support/cli.js';

interface Report {
  findings: { ruleId: string; location: { path: string; startLine: number; startColumn: number }; fingerprint: string }[];
  notifications: { kind: string; level: string; path?: string; message: string }[];
  summary: { filesScanned: number; filesSkipped: number };
}

const STRIPE = 'sk_live_' + 'Zq4W9xLm2Tn7Rv5Kp8Yb3Hc1';
const SLACK = 'xoxb-' + '284756391028-5829471036284-' + 'Zq8Wm3Kx7Tb2Lp9Vn4Rc6Hy1';

/** 150 files (more than a small scan), every 10th with a secret, plus a binary and an oversize file. */
function bigProject(): string {
  const files: Record<string, string | Buffer> = {};
  for (let i = 0; i < 150; i++) {
    const body = Array.from({ length: 40 }, (_, l) => `export const v${l} = compute(${l}, 'token');`).join('\n');
    files[`src/m${String(i).padStart(3, '0')}.ts`] = i % 10 === 0 ? `${body}\nconst stripe = "${STRIPE}";\nconst slack = "${SLACK}";\n` : `${body}\n`;
  }
  files['assets/logo.png'] = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]);
  files['data/huge.json'] = `{"k": "${'a'.repeat(1_200_000)}"}`;
  return files as never;
}

/**
 * `--jobs N` scans with N threads: the main thread and N - 1 workers. LEAKGUARD_POOL_AFTER_BYTES=0
 * starts the workers at once and gives them every batch (by default the main thread scans the
 * first 16 MB alone, more than this project has); `afterBytes` = 1 starts them after the first
 * batch and lets the main thread go on scanning beside them.
 */
function scan(cwd: string, jobs: string, afterBytes = '0'): Report {
  const run = runCli(['scan', '.', '-f', 'json', '-q', '--fail-on', 'none', '--max-file-size', '1', '--jobs', jobs], { cwd, env: { LEAKGUARD_POOL_AFTER_BYTES: afterBytes, LEAKGUARD_POOL_DEBUG: '1' } });
  expect(run.status, run.stderr).toBe(0);
  const pool = /pool: (\d+) workers, (\d+) batches to workers/.exec(run.stderr);
  expect(Number(pool?.[1]), run.stderr).toBe(Number(jobs) - 1);
  if (jobs !== '1' && afterBytes === '0') expect(Number(pool?.[2])).toBeGreaterThan(0);
  return JSON.parse(run.stdout) as Report;
}

describe('the worker pool', () => {
  const root = makeProject(bigProject() as unknown as Record<string, string>);
  const one = scan(root, '1');
  const two = scan(root, '2');
  const three = scan(root, '3');
  const shared = scan(root, '2', '1');
  const key = (r: Report) => r.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}:${f.location.startColumn} ${f.fingerprint}`);

  it('finds every planted secret, at its line and column', () => {
    expect(two.findings).toHaveLength(30);
    expect(two.findings.filter((f) => f.ruleId === 'secret/stripe-live-secret-key').map((f) => f.location.path)).toEqual(
      Array.from({ length: 15 }, (_, k) => `src/m${String(k * 10).padStart(3, '0')}.ts`),
    );
    expect(two.findings[0]!.location).toMatchObject({ startLine: 41, startColumn: 17 });
  });

  it('reports the same findings, in the same order, with 1, 2 and 3 threads, and with the main thread scanning beside a worker', () => {
    expect(key(two)).toEqual(key(one));
    expect(key(three)).toEqual(key(one));
    expect(key(shared)).toEqual(key(one));
    expect(two.summary).toMatchObject({ filesScanned: 150, filesSkipped: 2 });
    expect(one.summary).toMatchObject({ filesScanned: 150, filesSkipped: 2 });
  });

  it.each([
    ['skipped-binary', 'assets/logo.png'],
    ['skipped-large', 'data/huge.json'],
  ])('notes a %s file (%s) and goes on', (kind, path) => {
    expect(two.notifications).toContainEqual(expect.objectContaining({ kind, level: 'note', path }));
  });

  it('never prints a secret', () => {
    const run = runCli(['scan', '.', '-f', 'json', '-q', '--fail-on', 'none', '--max-file-size', '1'], { cwd: root });
    expect(run.stdout).not.toContain(STRIPE);
    expect(run.stdout).not.toContain(SLACK);
  });
});

describe('custom rules from leakguard.yaml', () => {
  const rule = (extra: string) =>
    `customRules:\n  - id: secret/acme-token\n    title: Acme token\n    description: An Acme API token.\n    severity: high\n    keywords: [acme_]\n    pattern: "\\\\b(acme_[a-z0-9]{16})\\\\b"\n${extra}`;

  it('finds what a custom rule describes, with its examples verified', () => {
    const cwd = makeProject({
      'leakguard.yaml': rule('    examples:\n      positive: ["k = «acme_7f3k9q2m5x8w1z4v»"]\n      negative: ["k = acme_short"]\n'),
      'app.py': 'ACME = "acme_7f3k9q2m5x8w1z4v"\n',
    });
    const run = runCli(['scan', 'app.py', '-f', 'json', '-q'], { cwd });
    expect(run.status).toBe(1);
    expect((JSON.parse(run.stdout) as Report).findings.map((f) => f.ruleId)).toEqual(['secret/acme-token']);
  });

  it.each([
    ['a positive example it does not find', '    examples:\n      positive: ["k = «acme_0123»"]\n      negative: ["k = nothing"]\n', /secret\/acme-token: positive example 1 is not reported/],
    ['a negative example it reports', '    examples:\n      positive: ["k = «acme_7f3k9q2m5x8w1z4v»"]\n      negative: ["k = acme_q8w2e5r7t1y3u6i9"]\n', /secret\/acme-token: negative example 1 is reported/],
  ])('is a configuration error (exit 2) when the rule has %s', (_what, examples, message) => {
    const cwd = makeProject({ 'leakguard.yaml': rule(examples), 'app.py': 'x = 1\n' });
    const run = runCli(['scan', '.'], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/configuration error/);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain('acme_q8w2e5r7t1y3u6i9');
  });

  it('is a configuration error (exit 2), not a crash, when RE2 cannot compile the pattern', () => {
    const cwd = makeProject({
      'leakguard.yaml': 'customRules:\n  - id: secret/acme-token\n    title: Acme\n    description: Acme.\n    severity: high\n    keywords: [acme_]\n    pattern: "(?<=key=)acme_[a-z]+"\n',
      'app.py': 'x = 1\n',
    });
    const run = runCli(['scan', '.'], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/configuration error: .*secret\/acme-token: pattern does not compile/);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });
});

describe('when the workers start', () => {
  /** `count` small files; the debug line says how many workers started (none: the main thread scanned alone). */
  function workersStarted(count: number): number {
    const files: Record<string, string> = {};
    for (let i = 0; i < count; i++) files[`d${i % 40}/f${i}.txt`] = `line ${i}\n`;
    const run = runCli(['scan', '.', '-f', 'json', '-q', '--fail-on', 'none', '--jobs', '2'], { cwd: makeProject(files), env: { LEAKGUARD_POOL_DEBUG: '1' } });
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as Report).summary.filesScanned).toBe(count);
    return Number(/pool: (\d+) workers/.exec(run.stderr)?.[1]);
  }

  it('at once for a tree of many files, however small (counted, not sized)', () => {
    expect(workersStarted(2100)).toBe(1);
  });

  it('never for a small tree of small files', () => {
    expect(workersStarted(300)).toBe(0);
  });
});
