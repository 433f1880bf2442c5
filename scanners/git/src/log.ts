/**
 * Streams `git log --raw -c -z` and yields each commit with the blobs it introduced: for an
 * ordinary commit the files it added or modified, for a merge (combined diff) the files whose
 * result differs from every parent, which is what the merge itself introduced.
 */
import { spawn } from 'node:child_process';
import { shownName } from '@leakguard/core';
import { GitError, gitEnv, gitExecutable, gitStderrSummary, runGit } from './git.js';

export interface CommitInfo {
  sha: string;
  parents: string[];
  author: string;
  email: string;
  /** ISO 8601 author date. */
  date: string;
}

export interface ChangedBlob {
  oid: string;
  path: string;
  mode: string;
}

export interface CommitChanges {
  commit: CommitInfo;
  blobs: ChangedBlob[];
}

export interface LogOptions {
  /** Revisions and options that select commits (for example `--all`, `main`, `^v1.0`). */
  revisions: string[];
  maxCount?: number;
  /**
   * These commits only, each with its own changes, in this order (`--no-walk=unsorted`, ids on
   * stdin): a cached walk asks git only for the commits it has not seen (`revisions` is not used).
   */
  commits?: string[];
}

const ZERO_OID = /^0+$/;
/** Regular files only: symlinks (120000) and submodules (160000) hold no content of their own. */
const FILE_MODES = new Set(['100644', '100755', '100664']);

/** What selects the walk's commits, in its order: parents before children (`--topo-order --reverse`). */
export function selectionArguments(options: LogOptions): string[] {
  const args = ['--topo-order', '--reverse'];
  if (options.maxCount !== undefined) args.push(`--max-count=${options.maxCount}`);
  args.push(...options.revisions, '--');
  return args;
}

/** git's arguments for the walk, or for the given commits alone (`options.commits`). */
export function logArguments(options: LogOptions): string[] {
  const diff = ['--root', '-c', '--raw', '--no-abbrev', '-z', '--no-renames', '--no-ext-diff', '--no-textconv', '--format=%x01%H%x00%P%x00%an%x00%ae%x00%aI'];
  if (options.commits !== undefined) return ['log', '--no-walk=unsorted', '--stdin', ...diff, '--'];
  return ['log', ...diff, ...selectionArguments(options)];
}

/**
 * The ids of the walk's commits in its order (`git rev-list` with the log's selection): much cheaper
 * than the log, which diffs every commit against its parents.
 */
export async function listCommits(repo: string, options: LogOptions): Promise<string[]> {
  const { stdout } = await runGit(repo, ['rev-list', ...selectionArguments(options)]);
  const text = stdout.toString('latin1').trim();
  return text === '' ? [] : text.split('\n');
}

/**
 * Parses the NUL-separated tokens of the log: `\x01sha`, parents, author, email, date, then for
 * each change a `:`-prefixed raw entry (modes, object ids, status; git puts a newline before the
 * first one) followed by exactly one token, its path, taken verbatim: a path may be a newline, start
 * with `:` or `\x01`, or be anything else but NUL.
 */
export class LogParser {
  private current: CommitChanges | undefined;
  private header: string[] = [];
  private entry: string | undefined;
  private readonly done: CommitChanges[] = [];

  push(token: string): void {
    if (this.entry !== undefined) {
      const raw = this.entry;
      this.entry = undefined;
      this.addEntry(raw, token);
      return;
    }
    if (this.header.length > 0) {
      this.header.push(token);
      if (this.header.length === 5) {
        const [sha = '', parents = '', author = '', email = '', date = ''] = this.header;
        this.current = { commit: { sha, parents: parents ? parents.split(' ') : [], author, email, date: date.trim() }, blobs: [] };
        this.header = [];
      }
      return;
    }
    if (token.startsWith('\x01')) {
      this.flush();
      this.header = [token.slice(1)];
      return;
    }
    // Between commits git writes an empty token; before the first raw entry, one newline.
    const raw = token.startsWith('\n') ? token.slice(1) : token;
    if (raw.startsWith(':')) this.entry = raw;
  }

  /** Commits completed so far (call after pushing tokens; `end()` flushes the last). */
  take(): CommitChanges[] {
    return this.done.splice(0);
  }

  end(): CommitChanges[] {
    this.flush();
    return this.take();
  }

  private flush(): void {
    if (this.current) this.done.push(this.current);
    this.current = undefined;
  }

  private addEntry(raw: string, path: string): void {
    if (!this.current) return;
    const colons = /^:+/.exec(raw)![0].length;
    const fields = raw.slice(colons).split(' ');
    // colons parents: (colons + 1) modes, (colons + 1) ids, then the status letters.
    const mode = fields[colons] ?? '';
    const oid = fields[2 * colons + 1] ?? '';
    const status = fields[2 * colons + 2] ?? '';
    if (status.includes('D') && colons === 1) return;
    if (ZERO_OID.test(oid) || !FILE_MODES.has(mode)) return;
    this.current.blobs.push({ oid, path, mode });
  }
}

/** Streams the commits of `options` with the blobs each introduced. git failures throw GitError. */
export async function* streamCommits(repo: string, options: LogOptions): AsyncGenerator<CommitChanges> {
  const child = spawn(gitExecutable(), ['-C', repo, ...logArguments(options)], { env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => undefined); // git exiting early is reported by its exit code
  // The commits asked for, if any, one id a line (`--stdin`); otherwise an empty stdin.
  child.stdin.end(options.commits === undefined ? '' : options.commits.map((c) => `${c}\n`).join(''));
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    if (stderr.length < 65536) stderr += c.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', (error) => reject(new GitError(`cannot run git: ${error.message}`, 'log', null)));
    child.on('close', (code) => resolve(code));
  });
  const parser = new LogParser();
  let rest: Buffer = Buffer.alloc(0);
  let finished = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      let data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      let start = 0;
      for (let i = data.indexOf(0, start); i >= 0; i = data.indexOf(0, start)) {
        parser.push(shownName(data.subarray(start, i)));
        start = i + 1;
      }
      rest = Buffer.from(data.subarray(start));
      data = Buffer.alloc(0);
      yield* parser.take();
    }
    if (rest.length > 0) parser.push(shownName(rest));
    const code = await exited;
    if (code !== 0) throw new GitError(`git log failed: ${gitStderrSummary(stderr) || `exit code ${code}`}`, 'log', code);
    yield* parser.end();
    finished = true;
  } finally {
    if (!finished && child.exitCode === null) child.kill();
  }
}
