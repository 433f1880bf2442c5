/** Builds real git repositories for the history, staged and pre-commit tests. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A tiny secret format for tests, found by the custom rule in DEMO_CONFIG: `demo_` + 24 letters/digits. */
export function demoToken(seed: string): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let h = 2166136261;
  let out = '';
  for (let i = 0; i < 24; i++) {
    for (const c of `${seed}:${i}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    out += letters[h % letters.length];
  }
  return `demo_${out}`;
}

export const DEMO_CONFIG = `customRules:
  - id: secret/demo-token
    title: Demo token
    description: A made-up token format the tests plant.
    severity: high
    keywords: ["demo_"]
    pattern: "\\\\b(demo_[A-Za-z0-9]{24})\\\\b"
`;

export class TestRepo {
  readonly dir: string;
  /** Extra environment for every git command (PATH for hooks, PRE_COMMIT_HOME). */
  env: Record<string, string> = {};
  private clock = 1_700_000_000;

  constructor(dir?: string) {
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'leakguard-git-'));
  }

  static init(branch = 'main'): TestRepo {
    const repo = new TestRepo();
    repo.git('init', '-q', '-b', branch);
    repo.git('config', 'user.name', 'Ada Dev');
    repo.git('config', 'user.email', 'ada@example.com');
    repo.git('config', 'commit.gpgsign', 'false');
    return repo;
  }

  /** Runs git in the repository with a deterministic clock; returns trimmed stdout. */
  git(...args: string[]): string {
    this.clock += 60;
    const date = `${this.clock} +0000`;
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: this.envFor(date),
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  }

  /** Runs git without throwing; for commands expected to fail (a refused commit). */
  tryGit(...args: string[]): { status: number | null; output: string } {
    this.clock += 60;
    const run = spawnSync('git', args, { cwd: this.dir, encoding: 'utf8', env: this.envFor(`${this.clock} +0000`) });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  }

  private envFor(date: string): NodeJS.ProcessEnv {
    return { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, LC_ALL: 'C', GIT_CONFIG_NOSYSTEM: '1', HOME: this.dir, ...this.env };
  }

  write(path: string, content: string | Buffer): void {
    const abs = join(this.dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }

  remove(path: string): void {
    rmSync(join(this.dir, path));
  }

  /** Writes files, stages everything, commits; returns the new commit's sha. */
  commit(message: string, files: Record<string, string | Buffer> = {}): string {
    for (const [path, content] of Object.entries(files)) this.write(path, content);
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.head();
  }

  /**
   * An "evil" merge: a side branch and the current branch each get a commit, and the merge commit
   * itself adds `path` (content neither parent had). Returns the merge commit's sha.
   */
  evilMerge(path: string, content: string): string {
    const base = this.git('rev-parse', '--abbrev-ref', 'HEAD');
    this.git('checkout', '-q', '-b', 'side');
    this.commit('side work', { 'side.txt': 'side\n' });
    this.git('checkout', '-q', base);
    this.commit('main work', { 'main.txt': 'main\n' });
    this.git('merge', '-q', '--no-ff', '--no-commit', 'side');
    this.write(path, content);
    this.git('add', path);
    this.git('commit', '-q', '-m', 'evil merge');
    return this.head();
  }

  head(): string {
    return this.git('rev-parse', 'HEAD');
  }
}

/** Numbered lines with `secret` on line `at` (1-based) in the given comment-free format. */
export function linesWith(total: number, at: number, line: string): string {
  return Array.from({ length: total }, (_, i) => (i + 1 === at ? line : `line ${i + 1}`)).join('\n') + '\n';
}
