/**
 * Running git: every failure is a GitError with git's own first line of stderr (which names refs and
 * paths, never file content), so the CLI can turn it into exit 2 instead of a silent clean result.
 */
import { spawn } from 'node:child_process';
import { devNull } from 'node:os';

export class GitError extends Error {
  constructor(
    message: string,
    /** The git subcommand that failed (for example `log`). */
    readonly command: string,
    readonly exitCode: number | null,
  ) {
    super(message);
  }
}

/** The git executable (override with LEAKGUARD_GIT, for tests and odd installs). */
export function gitExecutable(): string {
  return process.env.LEAKGUARD_GIT || 'git';
}

/**
 * Environment for git: no pager, no prompts, C locale so messages are stable. The history is read
 * as it is stored: `refs/replace/*` and `info/grafts` would let a repository substitute a clean
 * commit for the one that added a secret, so both are switched off.
 */
export function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', LANG: 'C', GIT_NO_REPLACE_OBJECTS: '1', GIT_GRAFT_FILE: devNull };
}

/** The first meaningful line of git's stderr, trimmed, for an error message. */
export function gitStderrSummary(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const fatal = lines.find((l) => /^(fatal|error):/.test(l));
  return (fatal ?? lines[0] ?? '').slice(0, 500);
}

/** Runs `git -C cwd args...` to completion and returns stdout as a Buffer; non-zero exit throws GitError. */
export function runGit(cwd: string, args: string[], options: { allowExitCodes?: number[] } = {}): Promise<{ stdout: Buffer; code: number }> {
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn(gitExecutable(), ['-C', cwd, ...args], { env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      reject(new GitError(`cannot run git: ${error instanceof Error ? error.message : String(error)}`, args[0] ?? '', null));
      return;
    }
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => {
      if (err.length < 65536) err += c.toString('utf8');
    });
    child.on('error', (error) => reject(new GitError(`cannot run git: ${error.message}`, args[0] ?? '', null)));
    child.on('close', (code) => {
      const exit = code ?? -1;
      if (exit === 0 || options.allowExitCodes?.includes(exit)) resolve({ stdout: Buffer.concat(out), code: exit });
      else reject(new GitError(`git ${args[0] ?? ''} failed: ${gitStderrSummary(err) || `exit code ${exit}`}`, args[0] ?? '', code));
    });
  });
}

export interface RepoInfo {
  /** Absolute path of the git directory. */
  gitDir: string;
  /** Absolute path of the work tree, or undefined for a bare repository. */
  topLevel?: string;
  bare: boolean;
  shallow: boolean;
  /** The commit HEAD points at; undefined in a repository without commits. */
  head?: string;
}

/** Checks that `path` is a git repository and describes it. Not a repository is a GitError. */
export async function repoInfo(path: string): Promise<RepoInfo> {
  const { stdout } = await runGit(path, ['rev-parse', '--absolute-git-dir', '--is-bare-repository', '--is-shallow-repository']);
  const [gitDir = '', bare, shallow] = stdout.toString('utf8').trim().split('\n');
  const info: RepoInfo = { gitDir, bare: bare === 'true', shallow: shallow === 'true' };
  if (!info.bare) {
    const top = await runGit(path, ['rev-parse', '--show-toplevel']);
    info.topLevel = top.stdout.toString('utf8').trim();
  }
  const head = await runGit(path, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { allowExitCodes: [1] });
  const sha = head.stdout.toString('utf8').trim();
  if (head.code === 0 && sha) info.head = sha;
  return info;
}

/** Resolves a revision to a commit sha; an unknown revision is a GitError naming it. */
export async function resolveCommit(repo: string, rev: string): Promise<string> {
  if (rev.startsWith('-')) throw new GitError(`not a revision: ${rev}`, 'rev-parse', null);
  try {
    const { stdout } = await runGit(repo, ['rev-parse', '--verify', '--end-of-options', `${rev}^{commit}`]);
    return stdout.toString('utf8').trim();
  } catch (error) {
    if (error instanceof GitError) throw new GitError(`unknown revision "${rev}": ${error.message.replace(/^git rev-parse failed: /, '')}`, 'rev-parse', error.exitCode);
    throw error;
  }
}
