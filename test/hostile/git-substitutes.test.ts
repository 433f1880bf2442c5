/**
 * A repository can hide the commit that added a secret from a naive `git log`: a replace ref
 * (`git replace`) or a graft swaps it for a clean one, and a path that is a single newline used to
 * make the log parser lose the next file of the same commit. `leakguard history` reads the history
 * as it is stored, so each of these still reports the secret (exit 1), and never prints it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_CONFIG, demoToken, TestRepo } from '../support/git-repo.js';
import { leaks, runBounded } from './support/bounded-run.js';

interface Json {
  findings: { ruleId: string; location: { path: string }; commit?: { sha: string } }[];
}

function history(repo: TestRepo) {
  const config = join(repo.dir, '..', `${repo.dir.split('/').pop()}.yaml`);
  writeFileSync(config, DEMO_CONFIG);
  return runBounded(['history', '--config', config, '-f', 'json'], { cwd: repo.dir });
}

/** c1 clean, c2 adds `secret.txt`, c3 deletes it: only c2 ever held the secret. */
function addedThenDeleted(secret: string) {
  const repo = TestRepo.init();
  const c1 = repo.commit('clean', { 'readme.md': 'hello\n' });
  const c2 = repo.commit('add', { 'secret.txt': `token = ${secret}\n` });
  repo.remove('secret.txt');
  const c3 = repo.commit('remove');
  return { repo, c1, c2, c3 };
}

describe('history reads the history as stored', () => {
  it.each([
    [
      'a replace ref swaps the commit that added it for a clean one',
      (r: ReturnType<typeof addedThenDeleted>) => {
        const clean = r.repo.git('commit-tree', `${r.c1}^{tree}`, '-p', r.c1, '-m', 'add');
        r.repo.git('replace', r.c2, clean);
      },
    ],
    [
      'a graft skips the commit that added it',
      (r: ReturnType<typeof addedThenDeleted>) => {
        writeFileSync(join(r.repo.dir, '.git/info/grafts'), `${r.c3} ${r.c1}\n`);
      },
    ],
  ])('%s: the secret is still reported at its real commit', (_, hide) => {
    const secret = demoToken(`hidden-${Math.random()}`);
    const r = addedThenDeleted(secret);
    hide(r);
    // The substitution works on git itself: a plain log no longer shows the file ever existed.
    expect(r.repo.git('log', '--name-only', '--format=')).not.toContain('secret.txt');
    const run = history(r.repo);
    expect(run.timedOut).toBe(false);
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as Json;
    expect(report.findings.map((f) => [f.ruleId, f.location.path, f.commit?.sha])).toEqual([['secret/demo-token', 'secret.txt', r.c2]]);
    expect(leaks(run, [secret])).toEqual([]);
  });

  it('a file named by a single newline does not hide the next file of its commit', () => {
    const secret = demoToken(`after-newline-${Math.random()}`);
    const repo = TestRepo.init();
    repo.commit('odd names', { '\n': 'just a newline\n', 'b.txt': `token = ${secret}\n` });
    const run = history(repo);
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as Json;
    expect(report.findings.map((f) => f.location.path)).toEqual(['b.txt']);
    expect(leaks(run, [secret])).toEqual([]);
  });
});
