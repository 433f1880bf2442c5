/**
 * A file that git tracks is pushed with the repository even where `.gitignore` matches it (it was
 * added with `git add -f`, or before the rule): `leakguard scan` in a work tree scans it. What is
 * ignored and untracked stays unscanned.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_CONFIG, demoToken, TestRepo } from '../support/git-repo.js';
import { leaks, runBounded } from './support/bounded-run.js';

interface Json {
  findings: { ruleId: string; location: { path: string } }[];
}

describe('tracked files that .gitignore matches', () => {
  it('are scanned, in ignored folders too; untracked ignored files are not (unless their folder is named)', () => {
    const secrets = { forced: demoToken(`forced-${Math.random()}`), deep: demoToken(`deep-${Math.random()}`), local: demoToken(`local-${Math.random()}`) };
    const repo = TestRepo.init();
    repo.write('.gitignore', '*.env\nbuild/\n');
    repo.write('leakguard.yaml', DEMO_CONFIG);
    repo.write('prod.env', `TOKEN=${secrets.forced}\n`);
    repo.write('build/out/config.js', `const t = "${secrets.deep}";\n`);
    repo.git('add', '.gitignore', 'leakguard.yaml');
    repo.git('add', '-f', 'prod.env', 'build/out/config.js');
    repo.git('commit', '-q', '-m', 'forced');
    // Ignored and never added: stays out of the scan, as before.
    repo.write('local.env', `TOKEN=${secrets.local}\n`);
    repo.write('build/tmp.js', `const t = "${secrets.local}";\n`);

    for (const args of [['.'], ['build'], []]) {
      const run = runBounded(['scan', ...args, '-f', 'json'], { cwd: repo.dir });
      expect(run.status, run.stderr).toBe(1);
      const paths = (JSON.parse(run.stdout) as Json).findings.map((f) => f.location.path).sort();
      // `scan build` names the ignored folder itself: it is walked whole, as a folder named on the
      // command line always is (discover.ts); from the top, its untracked file stays out.
      expect(paths).toEqual(args[0] === 'build' ? ['build/out/config.js', 'build/tmp.js'] : ['build/out/config.js', 'prod.env']);
      expect(leaks(run, Object.values(secrets))).toEqual([]);
    }
  });

  it('in a folder that is not a git work tree, .gitignore alone decides', () => {
    const secret = demoToken(`plain-${Math.random()}`);
    const repo = new TestRepo();
    repo.write('.gitignore', '*.env\n');
    repo.write('leakguard.yaml', DEMO_CONFIG);
    repo.write('prod.env', `TOKEN=${secret}\n`);
    const run = runBounded(['scan', '.', '-f', 'json'], { cwd: repo.dir });
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as Json).findings).toEqual([]);
  });
});
