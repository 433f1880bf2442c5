/**
 * `--cache DIR` on real repositories and folders made here: reports identical with and without the
 * cache, on the first and the second run, with one thread and two; a second `history` asks git for
 * no blob and no log; a result never comes back stale after a change of content, a sibling module
 * file, the config, the hash key or the size limit; damaged, unwritable and shared caches.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, makeProject, runCli, type CliRun } from './support/cli.js';
import { DEMO_CONFIG, demoToken, linesWith, TestRepo } from './support/git-repo.js';

interface Report {
  findings: { ruleId: string; level: string; location: { path: string; startLine: number }; secret?: { hash: string }; commit?: { sha: string; presentAtHead: boolean } }[];
  notifications: { kind: string; level: string; message: string; path?: string }[];
  summary: Record<string, unknown>;
}

const T = {
  early: demoToken('cache-early'),
  feature: demoToken('cache-feature'),
  evil: demoToken('cache-evil'),
  later: demoToken('cache-later'),
  changed: demoToken('cache-changed'),
};

const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** A git wrapper that logs each subcommand the CLI runs (LEAKGUARD_GIT). */
function gitSpy(): { env: Record<string, string>; calls: () => string[]; reset: () => void } {
  const dir = tmp('leakguard-git-spy-');
  const log = join(dir, 'calls.txt');
  const script = join(dir, 'git');
  writeFileSync(script, `#!/bin/sh\n# -C <repo> <subcommand> ...\necho "$3" >> "${log}"\nexec git "$@"\n`);
  chmodSync(script, 0o755);
  return {
    env: { LEAKGUARD_GIT: script },
    calls: () => {
      try {
        return readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
      } catch {
        return [];
      }
    },
    reset: () => rmSync(log, { force: true }),
  };
}

/** The report less what differs between any two runs (run id, timings) and the cache's own notes. */
function comparable(run: CliRun): { findings: Report['findings']; notifications: Report['notifications']; summary: Record<string, unknown> } {
  const report = JSON.parse(run.stdout) as Report;
  const { durationMs: _d, notifications: _n, ...summary } = report.summary;
  return { findings: report.findings, notifications: report.notifications.filter((n) => !n.message.startsWith('cache: ')), summary };
}

function segmentFiles(cache: string): string[] {
  const root = join(cache, 'leakguard-v1');
  let out: string[] = [];
  try {
    for (const ns of readdirSync(root)) out = out.concat(readdirSync(join(root, ns)).map((f) => join(root, ns, f)));
  } catch {
    // no cache yet
  }
  return out.sort();
}

describe('history --cache', () => {
  let repo: TestRepo;
  let config: string;
  const spy = gitSpy();
  const sha: Record<string, string> = {};
  const history = (args: string[], env: Record<string, string> = {}) =>
    runCli(['history', '--config', config, '--format', 'json', '--fail-on', 'none', ...args], { cwd: repo.dir, env: { ...spy.env, ...env } });

  beforeAll(() => {
    repo = TestRepo.init();
    config = join(tmp('leakguard-cache-config-'), 'leakguard.yaml');
    writeFileSync(config, DEMO_CONFIG);
    sha.early = repo.commit('early', { 'src/app.js': linesWith(5, 3, `const t = "${T.early}";`), 'README.md': '# x\n' });
    repo.git('checkout', '-q', '-b', 'feature');
    sha.feature = repo.commit('feature', { 'config/feature.yml': linesWith(3, 2, `api_key: ${T.feature}`) });
    repo.git('checkout', '-q', 'main');
    repo.commit('remove', { 'src/app.js': 'const t = process.env.T;\n' });
    repo.git('merge', '-q', '--no-ff', '-m', 'merge feature', 'feature');
    // An evil merge: the merge commit itself adds a secret.
    sha.evil = repo.evilMerge('notes.ini', linesWith(2, 2, `token=${T.evil}`));
    // IaC in history: the serverless scanner's judges run on blobs too; a rename keeps the blob.
    repo.commit('iac', {
      'serverless.yml': `service: s\nprovider:\n  name: aws\n  environment:\n    DB_PASSWORD: "${T.early}x"\n`,
      'infra/main.tf': 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n',
      'assets/blob.bin': Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(T.later)]),
    });
    repo.git('mv', 'infra/main.tf', 'infra/policy.tf');
    repo.commit('rename');
  });

  it('the first and the second run give the report of a run without cache, with -j 1 and -j 2; the second reads no blob and runs no git log', () => {
    const plain = comparable(history([]));
    expect(plain.findings.length).toBeGreaterThanOrEqual(5);
    for (const jobs of ['1', '2']) {
      const cache = tmp('leakguard-cache-');
      spy.reset();
      const first = history(['--cache', cache, '-j', jobs]);
      expect(first.status, first.stderr).toBe(0);
      expect(comparable(first)).toEqual(plain);
      expect(spy.calls()).toEqual(expect.arrayContaining(['log', 'cat-file']));
      const written = segmentFiles(cache);
      expect(written.length).toBe(2); // blob outcomes and commits, one segment each
      spy.reset();
      const second = history(['--cache', cache, '-j', jobs]);
      expect(comparable(second)).toEqual(plain);
      expect(spy.calls()).not.toContain('cat-file');
      expect(spy.calls()).not.toContain('log');
      expect(spy.calls()).toContain('rev-list');
      expect(segmentFiles(cache), 'a run with nothing new writes nothing').toEqual(written);
    }
  });

  it('a new commit: git diffs that commit alone, and its secret is found and attributed to it', () => {
    const cache = tmp('leakguard-cache-');
    history(['--cache', cache]);
    // A branch of its own so that the other tests' repository is unchanged afterwards.
    repo.git('checkout', '-q', '-b', 'later');
    sha.later = repo.commit('later', { 'src/later.js': `const k = "${T.later}";\n` });
    try {
      spy.reset();
      const run = history(['--cache', cache]);
      expect(comparable(run)).toEqual(comparable(history([])));
      const f = comparable(run).findings.find((x) => x.location.path === 'src/later.js');
      expect(f?.commit?.sha).toBe(sha.later);
      expect(spy.calls().filter((c) => c === 'cat-file').length).toBeGreaterThan(0);
      expect(spy.calls()).toContain('log');
    } finally {
      repo.git('checkout', '-q', 'main');
      repo.git('branch', '-q', '-D', 'later');
    }
  });

  it.each([
    ['a rule turned off', `${DEMO_CONFIG}rules:\n  secret/demo-token: off\n`],
    ['a level override', `${DEMO_CONFIG}rules:\n  secret/demo-token: note\n`],
    ['an allow pattern', `${DEMO_CONFIG}allow:\n  - "${T.feature}"\n`],
    ['the custom rule edited', DEMO_CONFIG.replace('{24}', '{23}')],
  ])('never stale after a config change: %s (and the first result comes back after it is undone)', (_, changed) => {
    const cache = tmp('leakguard-cache-');
    const before = comparable(history(['--cache', cache]));
    writeFileSync(config, changed);
    try {
      const after = comparable(history(['--cache', cache]));
      expect(after).toEqual(comparable(history([])));
      expect(after.findings).not.toEqual(before.findings);
    } finally {
      writeFileSync(config, DEMO_CONFIG);
    }
    spy.reset();
    expect(comparable(history(['--cache', cache]))).toEqual(before);
    expect(spy.calls(), 'the first namespace is still there').not.toContain('cat-file');
  });

  it('never stale after the hash key or the size limit changes', () => {
    const cache = tmp('leakguard-cache-');
    history(['--cache', cache]);
    const keyed = { LEAKGUARD_HASH_KEY: 'another key' };
    expect(comparable(history(['--cache', cache], keyed))).toEqual(comparable(history([], keyed)));
    expect(comparable(history(['--cache', cache, '--max-file-size', '0.00001']))).toEqual(comparable(history(['--max-file-size', '0.00001'])));
  });

  it('damaged cache files: the same report, and a note', () => {
    const cache = tmp('leakguard-cache-');
    const plain = comparable(history([]));
    history(['--cache', cache]);
    const [a, b] = segmentFiles(cache);
    writeFileSync(a!, readFileSync(a!).subarray(0, 200)); // truncated
    const text = readFileSync(b!, 'utf8');
    writeFileSync(b!, text.replace(/\t./, '\tX')); // one byte changed
    const run = history(['--cache', cache]);
    expect(comparable(run)).toEqual(plain);
    expect((JSON.parse(run.stdout) as Report).notifications).toContainEqual(expect.objectContaining({ kind: 'config', level: 'note', message: expect.stringContaining('damaged') }));
    // Rewritten whole: the next run reads no blob.
    spy.reset();
    expect(comparable(history(['--cache', cache]))).toEqual(plain);
    expect(spy.calls()).not.toContain('cat-file');
  });

  it('a cache that cannot be written: a warning, the same findings and the same exit code', () => {
    const file = join(tmp('leakguard-cache-'), 'not-a-folder');
    writeFileSync(file, '');
    const args = ['--fail-on', 'warning'];
    const plain = history(args);
    const run = history([...args, '--cache', join(file, 'cache')]);
    expect(run.status).toBe(plain.status);
    expect(plain.status).toBe(1);
    expect(comparable(run)).toEqual(comparable(plain));
    const notes = (JSON.parse(run.stdout) as Report).notifications.filter((n) => n.message.startsWith('cache: '));
    expect(notes).toEqual([expect.objectContaining({ kind: 'config', level: 'warning' })]);
    expect(history([...args, '--cache', join(file, 'cache'), '--strict']).status, '--strict: not an input failure').toBe(1);
  });

  it('runs sharing one cache at the same time each give the same report, and leave it whole', async () => {
    const cache = tmp('leakguard-cache-');
    const plain = comparable(history([]));
    const once = () =>
      new Promise<CliRun>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'history', '--config', config, '--format', 'json', '--fail-on', 'none', '--cache', cache], { cwd: repo.dir, env: { ...process.env, NO_COLOR: '1' } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
    const runs = await Promise.all([once(), once(), once()]);
    for (const run of runs) expect(comparable(run)).toEqual(plain);
    const after = history(['--cache', cache]);
    expect(comparable(after)).toEqual(plain);
    expect((JSON.parse(after.stdout) as Report).notifications.filter((n) => n.message.startsWith('cache: '))).toEqual([]);
  });

  it('a shallow clone does not use cached commits (a boundary commit diffs as a root there)', () => {
    const cache = tmp('leakguard-cache-');
    history(['--cache', cache]);
    const clone = tmp('leakguard-shallow-');
    repo.git('clone', '-q', '--depth', '1', `file://${repo.dir}`, clone);
    const inClone = (args: string[]) => runCli(['history', '--config', config, '--format', 'json', '--fail-on', 'none', ...args], { cwd: clone, env: spy.env });
    spy.reset();
    const run = inClone(['--cache', cache]);
    expect(comparable(run)).toEqual(comparable(inClone([])));
    expect(spy.calls()).toContain('log');
  });
});

describe('scan --cache', () => {
  const usesVariable = 'resource "aws_lambda_function" "f" {\n  environment {\n    variables = { DB_PASSWORD = var.db }\n  }\n}\n';
  const declares = (value: string) => `variable "db" {\n  type    = string\n  default = "${value}"\n}\n`;
  const project = () =>
    makeProject({
      'leakguard.yaml': DEMO_CONFIG,
      'src/a.js': `const a = "${T.early}";\n`,
      'src/b.js': `// ${'-'.repeat(60)}\nconst b = 1;\n`,
      'serverless.yml': `service: s\nprovider:\n  name: aws\n  environment:\n    DB_PASSWORD: "${T.feature}"\n`,
      'mod/main.tf': usesVariable,
      'mod/variables.tf': declares('placeholder'),
      ...Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`many/f${i}.txt`, `line ${i}\n`])),
    });
  const scan = (dir: string, args: string[], env: Record<string, string> = {}) => runCli(['scan', '.', '--format', 'json', '--fail-on', 'none', ...args], { cwd: dir, env });

  it('the first and the second run give the report of a run without cache, in the main thread and in workers', () => {
    const dir = project();
    const plain = comparable(scan(dir, ['-j', '1']));
    expect(plain.findings.length).toBeGreaterThanOrEqual(2);
    for (const [jobs, env] of [
      ['1', {}],
      ['2', { LEAKGUARD_POOL_AFTER_BYTES: '0' }], // every batch to the worker: it reads the cache itself
    ] as const) {
      const cache = tmp('leakguard-cache-');
      expect(comparable(scan(dir, ['-j', jobs, '--cache', cache], env))).toEqual(plain);
      const written = segmentFiles(cache);
      expect(written).toHaveLength(1);
      expect(comparable(scan(dir, ['-j', jobs, '--cache', cache], env))).toEqual(plain);
      expect(segmentFiles(cache), 'every file came from the cache: nothing new to write').toEqual(written);
    }
  });

  it('never stale after a file changes, even with the same size and modification time', () => {
    const dir = project();
    const cache = tmp('leakguard-cache-');
    scan(dir, ['--cache', cache]);
    const file = join(dir, 'src/b.js');
    const { atime, mtime, size } = statSync(file);
    const content = `const b="${T.changed}";\n`.slice(0, size).padEnd(size, ' ');
    expect(content.length).toBe(size);
    writeFileSync(file, content.replace(/.$/, '\n'));
    utimesSync(file, atime, mtime);
    const run = comparable(scan(dir, ['--cache', cache]));
    expect(run).toEqual(comparable(scan(dir, [])));
    expect(run.findings.map((f) => f.location.path)).toContain('src/b.js');
  });

  it('never stale when a Terraform module file next to a cached one changes', () => {
    const dir = project();
    const cache = tmp('leakguard-cache-');
    const before = comparable(scan(dir, ['--cache', cache]));
    expect(before.findings.filter((f) => f.location.path === 'mod/main.tf')).toEqual([]);
    writeFileSync(join(dir, 'mod/variables.tf'), declares('a8Kq2Zr7Lm4Xw9Tb3Nc6Vd1Hf5Jg0Ps'));
    const after = comparable(scan(dir, ['--cache', cache]));
    expect(after).toEqual(comparable(scan(dir, [])));
    expect(after.findings.filter((f) => f.location.path === 'mod/main.tf').map((f) => f.ruleId)).toContain('env/secret-literal');
  });

  it('never stale after a config change (a rule turned off)', () => {
    const dir = project();
    const cache = tmp('leakguard-cache-');
    scan(dir, ['--cache', cache]);
    writeFileSync(join(dir, 'leakguard.yaml'), `${DEMO_CONFIG}rules:\n  secret/demo-token: off\n`);
    const after = comparable(scan(dir, ['--cache', cache]));
    expect(after).toEqual(comparable(scan(dir, [])));
    expect(after.findings.map((f) => f.ruleId)).not.toContain('secret/demo-token');
  });
});

describe('scan --staged --cache', () => {
  it('reuses what history cached for the same blob and path, and sees a newly staged change', () => {
    const repo = TestRepo.init();
    repo.commit('config', { 'leakguard.yaml': DEMO_CONFIG });
    // The same blob at the same path on another branch: history caches it, then it is staged on main.
    repo.git('checkout', '-q', '-b', 'side');
    repo.commit('side', { 'src/a.js': `const a = "${T.early}";\n` });
    repo.git('checkout', '-q', 'main');
    const spy = gitSpy();
    const cache = tmp('leakguard-cache-');
    runCli(['history', '--format', 'json', '--cache', cache], { cwd: repo.dir });
    repo.git('checkout', 'side', '--', 'src/a.js');
    const staged = () => runCli(['scan', '--staged', '--format', 'json', '--fail-on', 'none', '--cache', cache], { cwd: repo.dir, env: spy.env });
    const plain = comparable(runCli(['scan', '--staged', '--format', 'json', '--fail-on', 'none'], { cwd: repo.dir }));
    expect(plain.findings).toHaveLength(1);
    spy.reset();
    expect(comparable(staged())).toEqual(plain);
    expect(spy.calls(), 'every staged blob was in the cache').not.toContain('cat-file');
    repo.write('src/b.js', `const b = "${T.changed}";\n`);
    repo.git('add', 'src/b.js');
    const after = comparable(staged());
    expect(after.findings.map((f) => f.location.path).sort()).toEqual(['src/a.js', 'src/b.js']);
    expect(spy.calls()).toContain('cat-file');
  });
});
