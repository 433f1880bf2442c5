/**
 * pre-commit for real (Debian's `pre-commit`, installed by .ci/run): a repository whose
 * .pre-commit-config.yaml runs leakguard refuses a commit with a planted secret and accepts a clean
 * one. Two setups: a local hook calling the built CLI, and this checkout used as a hook repository
 * through its own .pre-commit-hooks.yaml (cloned from the local path, so no network), with the
 * `leakguard-system` hook and the built CLI on PATH. The `language: node` hook, which installs the
 * published CLI, is run by the install test (test/install).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT } from './support/cli.js';
import { DEMO_CONFIG, demoToken, linesWith, TestRepo } from './support/git-repo.js';

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
if (preCommit.status !== 0) {
  throw new Error('pre-commit is not installed: apt-get install -y pre-commit (the project\'s .ci/run installs it)');
}

/** A `leakguard` executable on PATH that runs the built CLI (as `npm i -g` would provide). */
function shimDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leakguard-bin-'));
  const shim = join(dir, 'leakguard');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(shim, 0o755);
  return dir;
}

function setUp(hookConfig: string): TestRepo {
  const repo = TestRepo.init();
  repo.env = {
    PRE_COMMIT_HOME: mkdtempSync(join(tmpdir(), 'pre-commit-home-')),
    PATH: `${shimDir()}:${process.env.PATH ?? ''}`,
    NO_COLOR: '1',
  };
  repo.commit('set up', { '.pre-commit-config.yaml': hookConfig, 'leakguard.yaml': DEMO_CONFIG, 'README.md': '# app\n' });
  execFileSync('pre-commit', ['install'], { cwd: repo.dir, env: { ...process.env, ...repo.env, HOME: repo.dir }, stdio: 'ignore' });
  return repo;
}

const LOCAL_HOOK = `repos:
  - repo: local
    hooks:
      - id: leakguard
        name: leakguard
        entry: ${process.execPath} ${CLI} scan --staged --quiet
        language: system
        pass_filenames: true
        require_serial: true
`;

function checkoutHook(): string | undefined {
  if (!existsSync(join(REPO_ROOT, '.git'))) return undefined;
  const rev = execFileSync('git', ['-C', REPO_ROOT, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const hasManifest = spawnSync('git', ['-C', REPO_ROOT, 'cat-file', '-e', `${rev}:.pre-commit-hooks.yaml`]).status === 0;
  if (!hasManifest) return undefined;
  return `repos:
  - repo: ${REPO_ROOT}
    rev: ${rev}
    hooks:
      - id: leakguard-system
`;
}

const setups: [string, () => string | undefined][] = [
  ['a local hook', () => LOCAL_HOOK],
  ['this checkout as a hook repository (.pre-commit-hooks.yaml, leakguard-system)', checkoutHook],
];

describe.each(setups)('pre-commit with %s', (_, config) => {
  let repo: TestRepo;
  const text = config();
  beforeAll(() => {
    if (text) repo = setUp(text);
  });

  it.skipIf(text === undefined)('refuses a commit that adds a secret, without printing it', () => {
    const token = demoToken('pre-commit-planted');
    const before = repo.head();
    repo.write('src/handler.js', linesWith(4, 2, `const key = "${token}";`));
    repo.git('add', 'src/handler.js');
    const run = repo.tryGit('commit', '-m', 'add handler');
    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/^leakguard.*\.+Failed$/m);
    expect(run.output).toContain('src/handler.js');
    expect(run.output).toContain('secret/demo-token');
    expect(run.output).not.toContain(token);
    expect(repo.head()).toBe(before);
    repo.git('reset', '-q', 'HEAD', 'src/handler.js');
    repo.remove('src/handler.js');
  });

  it.skipIf(text === undefined)('accepts a clean commit', () => {
    const before = repo.head();
    repo.write('src/clean.js', 'export const key = process.env.API_KEY_ARN;\n');
    repo.git('add', 'src/clean.js');
    const run = repo.tryGit('commit', '-m', 'clean');
    expect(run.output).toMatch(/^leakguard.*\.+Passed$/m);
    expect(run.status).toBe(0);
    expect(repo.head()).not.toBe(before);
  });

  it.skipIf(text === undefined)('accepts a secret silenced with leakguard:ignore', () => {
    repo.write('test/fixture.py', `KEY = "${demoToken('fixture')}"  # leakguard:ignore secret/demo-token\n`);
    repo.git('add', 'test/fixture.py');
    expect(repo.tryGit('commit', '-m', 'fixture').status).toBe(0);
  });

  it.skipIf(text === undefined)('judges the staged content: a secret only in the working tree does not block', () => {
    repo.write('src/later.js', 'export const x = 1;\n');
    repo.git('add', 'src/later.js');
    // Unstaged edit with a secret: not part of this commit.
    repo.write('src/later.js', `export const x = "${demoToken('unstaged')}";\n`);
    const run = repo.tryGit('commit', '-m', 'later');
    expect(run.status).toBe(0);
    repo.git('checkout', '--', 'src/later.js');
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('is a valid pre-commit manifest', () => {
    const run = spawnSync('pre-commit', ['validate-manifest', join(REPO_ROOT, '.pre-commit-hooks.yaml')], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

