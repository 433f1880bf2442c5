/**
 * Walks history and hands out each unique blob once, with the commit that introduced it: the
 * first commit, parents before children, whose diff (combined diff for merges) adds that content.
 * Blob contents are read through one `git cat-file --batch` with a bounded look-ahead, so memory
 * stays flat however long the history is (only the set of seen object ids grows).
 */
import { CatFileBatch } from './cat-file.js';
import { repoInfo, resolveCommit, runGit, type RepoInfo } from './git.js';
import { streamCommits, type CommitInfo } from './log.js';

export interface HistoryOptions {
  /** Repository path (work tree or git dir). */
  repo: string;
  /** Walk only this branch (or any revision); default: every ref (`--all`). */
  branch?: string;
  /** Only commits after this revision (`REV..`). */
  since?: string;
  /** At most this many commits (the newest ones). */
  maxCount?: number;
  /** Paths to leave out (config `exclude`). */
  skipPath?: (path: string) => boolean;
  /** Blobs larger than this are skipped without reading them into a string. */
  maxBlobBytes?: number;
  /** How many blob reads may be in flight at once. */
  lookAhead?: number;
  /**
   * False: read no blob contents, yield each new blob as a `ref` (object id, path, commit) for the
   * caller to read where it scans (history's workers each run their own `git cat-file --batch`, so
   * blob bytes never pass through the walking thread). `maxBlobBytes` is then the reader's to apply.
   */
  contents?: boolean;
}

/** A new blob whose content the caller reads (`contents: false`). */
export interface HistoryBlobRef {
  oid: string;
  path: string;
  commit: CommitInfo;
}

export interface HistoryBlob {
  oid: string;
  path: string;
  commit: CommitInfo;
  data: Buffer;
}

export type HistoryEvent =
  | { kind: 'blob'; blob: HistoryBlob }
  | { kind: 'ref'; ref: HistoryBlobRef }
  | { kind: 'skipped'; reason: 'large' | 'excluded'; oid: string; path: string; size?: number; commit: CommitInfo }
  | { kind: 'commit'; commit: CommitInfo };

export interface HistoryWalk {
  info: RepoInfo;
  /** The commit whose tree counts as "HEAD" for `presentAtHead` (the branch tip with --branch). */
  headCommit?: string;
  /** Object ids of the blobs in that tree. */
  headBlobs: Set<string>;
  /** Revisions given to git log. */
  revisions: string[];
  events: AsyncGenerator<HistoryEvent>;
}

/** Object ids of every blob in a commit's tree. */
export async function treeBlobs(repo: string, commit: string): Promise<Set<string>> {
  const { stdout } = await runGit(repo, ['ls-tree', '-r', '-z', '--full-tree', commit]);
  const blobs = new Set<string>();
  for (const entry of stdout.toString('utf8').split('\0')) {
    // "<mode> SP <type> SP <object> TAB <path>"
    const m = /^\d+ blob ([0-9a-f]+)\t/.exec(entry);
    if (m) blobs.add(m[1]!);
  }
  return blobs;
}

/** Checks the repository and revisions (GitError on any problem), then returns the walk. */
export async function walkHistory(options: HistoryOptions): Promise<HistoryWalk> {
  const info = await repoInfo(options.repo);
  const revisions: string[] = [];
  let headCommit = info.head;
  if (options.branch !== undefined) {
    headCommit = await resolveCommit(options.repo, options.branch);
    revisions.push(headCommit);
  } else {
    revisions.push('--all');
  }
  if (options.since !== undefined) revisions.push(`^${await resolveCommit(options.repo, options.since)}`);
  const headBlobs = headCommit ? await treeBlobs(options.repo, headCommit) : new Set<string>();
  const walk: HistoryWalk = { info, headBlobs, revisions, events: events(options, revisions) };
  if (headCommit) walk.headCommit = headCommit;
  return walk;
}

async function* events(options: HistoryOptions, revisions: string[]): AsyncGenerator<HistoryEvent> {
  const lookAhead = Math.max(1, options.lookAhead ?? 64);
  const maxBytes = options.maxBlobBytes ?? Number.POSITIVE_INFINITY;
  const seen = new Set<string>();
  if (options.contents === false) {
    yield* refs(options, revisions, seen);
    return;
  }
  const batch = new CatFileBatch(options.repo, maxBytes);
  type Queued = { read: Promise<HistoryEvent> };
  const queue: Queued[] = [];
  try {
    // The walk without contents, with each new blob read ahead of its turn.
    for await (const event of refs(options, revisions, seen)) {
      if (event.kind !== 'ref') {
        yield event;
        continue;
      }
      const { oid, path, commit } = event.ref;
      const read = (async (): Promise<HistoryEvent> => {
        const object = await batch.read(oid);
        if (object.skipped) return { kind: 'skipped', reason: 'large', oid, path, size: object.size, commit };
        return { kind: 'blob', blob: { oid, path, commit, data: object.data } };
      })();
      read.catch(() => undefined);
      queue.push({ read });
      while (queue.length >= lookAhead) yield await queue.shift()!.read;
    }
    while (queue.length > 0) yield await queue.shift()!.read;
  } finally {
    await Promise.allSettled(queue.map((q) => q.read));
    await batch.close();
  }
}

/** The walk without contents: commits and each new blob's id, path and introducing commit. */
async function* refs(options: HistoryOptions, revisions: string[], seen: Set<string>): AsyncGenerator<HistoryEvent> {
  const logOptions = options.maxCount === undefined ? { revisions } : { revisions, maxCount: options.maxCount };
  for await (const { commit, blobs } of streamCommits(options.repo, logOptions)) {
    yield { kind: 'commit', commit };
    for (const { oid, path } of blobs) {
      if (seen.has(oid)) continue;
      if (options.skipPath?.(path)) {
        // Not marked seen: the same content under a path that is not excluded is still scanned.
        yield { kind: 'skipped', reason: 'excluded', oid, path, commit };
        continue;
      }
      seen.add(oid);
      yield { kind: 'ref', ref: { oid, path, commit } };
    }
  }
}
