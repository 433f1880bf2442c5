/**
 * `leakguard scan --staged` reads the index, not the working tree: what `git commit` would record.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { DEMO_CONFIG, demoToken, TestRepo } from './support/git-repo.js';

interface Out {
  findings: { location: { path: string; startLine: number } }[];
  notifications: { kind: string; path?: string }[];
  summary: { filesScanned: number };
}

const secret = demoToken('staged');

function staged(repo: TestRepo, args: string[] = [], cwd = repo.dir) {
  const run = runCli(['scan', '--staged', '--format', 'json', '--config', join(repo.dir, 'leakguard.yaml'), ...args], { cwd });
  return { ...run, out: run.stdout ? (JSON.parse(run.stdout) as Out) : undefined };
}

describe('scan --staged', () => {
  let repo: TestRepo;
  beforeAll(() => {
    repo = TestRepo.init();
    repo.commit('base', { 'leakguard.yaml': DEMO_CONFIG, 'committed.js': `const old = "${demoToken('already-committed')}";\n`, 'app/removed.js': 'x\n' });
  });
  afterEach(() => {
    // Each case starts from the committed state: nothing staged, nothing untracked.
    repo.git('reset', '-q', '--hard');
    repo.git('clean', '-fdq');
  });

  it.each([
    {
      name: 'a secret staged, the working tree cleaned afterwards: reported',
      setup: (r: TestRepo) => {
        r.write('a.js', `k = "${secret}"\n`);
        r.git('add', 'a.js');
        r.write('a.js', 'k = process.env.K\n');
      },
      paths: ['a.js'],
    },
    {
      name: 'a secret added on line 3 of a staged YAML file',
      setup: (r: TestRepo) => {
        r.write('cfg/app.yml', `a: 1\nb: 2\nkey: ${secret}\n`);
        r.git('add', 'cfg/app.yml');
      },
      paths: ['cfg/app.yml'],
    },
  ])('$name', ({ setup, paths }) => {
    setup(repo);
    const run = staged(repo, paths);
    expect(run.status).toBe(1);
    expect(run.out!.findings.map((f) => f.location.path)).toEqual(paths);
    expect(run.stdout + run.stderr).not.toContain(secret);
    repo.git('reset', '-q');
  });

  it('a secret only in the working tree (index clean): not reported', () => {
    repo.write('b.js', 'k = 1\n');
    repo.git('add', 'b.js');
    repo.write('b.js', `k = "${secret}"\n`);
    const run = staged(repo, ['b.js']);
    expect(run.status).toBe(0);
    expect(run.out!.summary.filesScanned).toBe(1);
    repo.git('reset', '-q');
  });

  it('files committed earlier and unchanged are not scanned; deletions are not scanned', () => {
    repo.git('rm', '-q', 'app/removed.js');
    const run = staged(repo);
    expect(run.status).toBe(0);
    expect(run.out!.summary.filesScanned).toBe(0);
    repo.git('reset', '-q');
  });

  it('paths narrow the staged set; from a subfolder paths are relative to it, results to the repository top', () => {
    mkdirSync(join(repo.dir, 'pkg'), { recursive: true });
    repo.write('pkg/one.js', `k = "${secret}"\n`);
    repo.write('pkg/two.js', `k = "${demoToken('two')}"\n`);
    repo.write('other.js', `k = "${demoToken('other')}"\n`);
    repo.git('add', '-A');
    expect(staged(repo, ['pkg/one.js']).out!.findings.map((f) => f.location.path)).toEqual(['pkg/one.js']);
    expect(staged(repo, ['two.js'], join(repo.dir, 'pkg')).out!.findings.map((f) => f.location.path)).toEqual(['pkg/two.js']);
    expect(staged(repo).out!.findings.map((f) => f.location.path)).toEqual(['other.js', 'pkg/one.js', 'pkg/two.js']);
    repo.git('reset', '-q');
  });

  it('binary staged files are skipped with a note', () => {
    repo.write('img.bin', Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(secret)]));
    repo.git('add', 'img.bin');
    const run = staged(repo);
    expect(run.status).toBe(0);
    expect(run.out!.notifications).toContainEqual(expect.objectContaining({ kind: 'skipped-binary', path: 'img.bin' }));
    repo.git('reset', '-q');
  });

  it('works before the first commit', () => {
    const fresh = TestRepo.init();
    fresh.write('leakguard.yaml', DEMO_CONFIG);
    fresh.write('s.py', `x = "${secret}"\n`);
    fresh.git('add', '-A');
    const run = staged(fresh);
    expect(run.status).toBe(1);
    expect(run.out!.findings.map((f) => f.location.path)).toEqual(['s.py']);
  });

  it('outside a repository: exit 2, never a clean result', () => {
    const dir = new TestRepo().dir;
    const run = runCli(['scan', '--staged'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/git error: .*not a git repository/);
  });

  it('is fast enough for every commit: 300 staged files', () => {
    const many = TestRepo.init();
    many.write('leakguard.yaml', DEMO_CONFIG);
    for (let i = 0; i < 300; i++) many.write(`src/f${i}.js`, `export const v${i} = ${i};\n`.repeat(40));
    many.write('src/f150.js', `const k = "${secret}";\n`);
    many.git('add', '-A');
    const started = Date.now();
    const run = staged(many);
    const ms = Date.now() - started;
    expect(run.status).toBe(1);
    expect(run.out!.summary.filesScanned).toBe(301);
    // Generous bound for a shared, loaded CI machine; typically well under a second.
    expect(ms).toBeLessThan(10_000);
  });
});
