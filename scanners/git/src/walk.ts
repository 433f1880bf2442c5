/**
 * Walks history and hands out each unique blob once, with the commit that introduced it: the
 * first commit, parents before children, whose diff (combined diff for merges) adds that content.
 * Blob contents are read through one `git cat-file --batch` with a bounded look-ahead, so memory
 * stays flat however long the history is (only the set of seen object ids grows).
 */
import { CatFileBatch } from './cat-file.js';
import { repoInfo, resolveCommit, runGit, type RepoInfo } from './git.js';
import { listCommits, streamCommits, type CommitChanges, type CommitInfo, type LogOptions } from './log.js';

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
  /**
   * Each commit's changes from an earlier walk, by commit id (a commit id fixes its parents and
   * trees, so its diff cannot change). With it the walk lists the commits with `git rev-list` and
   * asks `git log` only for the commits it lacks. Not used in a shallow clone, where a boundary
   * commit's diff depends on how deep the clone is.
   */
  commitCache?: CommitCache;
}

/** Where the walk keeps and finds each commit's changes (see `HistoryOptions.commitCache`). */
export interface CommitCache {
  get(sha: string): CommitChanges | undefined;
  put(changes: CommitChanges): void;
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
  const walk: HistoryWalk = { info, headBlobs, revisions, events: events(options, revisions, info.shallow) };
  if (headCommit) walk.headCommit = headCommit;
  return walk;
}

function events(options: HistoryOptions, revisions: string[], shallow: boolean): AsyncGenerator<HistoryEvent> {
  const commits = options.commitCache && !shallow ? cachedCommits(options, revisions, options.commitCache) : streamCommits(options.repo, logOptions(options, revisions));
  // Without contents the refs are the events (no generator in between: a history has many blobs).
  return options.contents === false ? refs(options, commits, new Set()) : withContents(options, refs(options, commits, new Set()));
}

/** The walk with each new blob read ahead of its turn through one `git cat-file --batch`. */
async function* withContents(options: HistoryOptions, walk: AsyncGenerator<HistoryEvent>): AsyncGenerator<HistoryEvent> {
  const lookAhead = Math.max(1, options.lookAhead ?? 64);
  const maxBytes = options.maxBlobBytes ?? Number.POSITIVE_INFINITY;
  const batch = new CatFileBatch(options.repo, maxBytes);
  type Queued = { read: Promise<HistoryEvent> };
  const queue: Queued[] = [];
  try {
    for await (const event of walk) {
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

function logOptions(options: HistoryOptions, revisions: string[]): LogOptions {
  return options.maxCount === undefined ? { revisions } : { revisions, maxCount: options.maxCount };
}

/**
 * Above this share of commits missing from the cache, the whole log is streamed (and cached) rather
 * than listed first and asked for commit by commit: a first run reads the log once, as without a cache.
 */
const MISSING_SHARE_FOR_FULL_LOG = 0.25;

/** The walk's commits in its order, each commit's changes from the cache where it has them. */
async function* cachedCommits(options: HistoryOptions, revisions: string[], cache: CommitCache): AsyncGenerator<CommitChanges> {
  const selection = logOptions(options, revisions);
  const ids = await listCommits(options.repo, selection);
  const missing = ids.filter((id) => cache.get(id) === undefined);
  if (missing.length > ids.length * MISSING_SHARE_FOR_FULL_LOG) {
    for await (const changes of streamCommits(options.repo, selection)) {
      cache.put(changes);
      yield changes;
    }
    return;
  }
  // Few new commits: git diffs only those (held until the walk reaches them; at most a quarter of it).
  const fetched = new Map<string, CommitChanges>();
  if (missing.length > 0) {
    for await (const changes of streamCommits(options.repo, { revisions: [], commits: missing })) {
      cache.put(changes);
      fetched.set(changes.commit.sha, changes);
    }
  }
  for (const id of ids) {
    const changes = fetched.get(id) ?? cache.get(id);
    // A cache entry that vanished between the two looks (a damaged file) is asked of git again.
    if (changes) yield changes;
    else yield* streamCommits(options.repo, { revisions: [], commits: [id] });
  }
}

/** The walk without contents: commits and each new blob's id, path and introducing commit. */
async function* refs(options: HistoryOptions, commits: AsyncIterable<CommitChanges>, seen: Set<string>): AsyncGenerator<HistoryEvent> {
  for await (const { commit, blobs } of commits) {
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
