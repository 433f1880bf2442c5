/**
 * `leakguard history [REPO]`: every commit reachable from every ref (or one branch, or a range),
 * each unique blob scanned once through the same per-file scan as `leakguard scan` (so IaC files
 * in history get the infrastructure checks too), each finding attributed to the commit that
 * introduced it. A secret is reported once per rule, where and when it first appeared; later
 * copies, renames and edits that keep it do not repeat it. `presentAtHead` says whether it is
 * still anywhere in HEAD's tree (the branch tip with --branch).
 */
import { resolve } from 'node:path';
import ignore from 'ignore';
import {
  type Finding,
  type LeakguardConfig,
  type Notification,
  type ScanReport,
} from '@leakguard/core';
import { availableParallelism } from 'node:os';
import { walkHistory, type CommitInfo } from '@leakguard/scanner-git';
import type { Progress } from '../progress.js';
import { createScanContext } from '../run-scan.js';
import { BlobPool } from './blob-pool.js';
import type { BlobOutcome } from './protocol.js';
import { assembleReport } from '../assemble-report.js';
import { sortNotifications } from '../report-order.js';
import type { ShardRun } from '../shard/record.js';
import { blobOwner, type ShardSpec } from '../shard/spec.js';
import { historySummaryNotes, type WalkFacts } from './summary.js';
import { createHash } from 'node:crypto';
import { PathNames } from '../path-names.js';
import { RunCache } from '../cache/run-cache.js';
import { blobEntryKey, cacheable } from '../cache/entries.js';
import { commitCacheOf, walkEntriesMask } from './walk-cache.js';
import { decodeOutcome, encodeOutcome } from './outcome-codec.js';

/** Blobs per batch (ids only; a worker holds at most a few blobs' bytes at once, see scan-blobs.ts). */
const BATCH_BLOBS = 32;
/** With --cache, blobs whose outcome is cached ride along in a batch, up to this many in all. */
const BATCH_WITH_CACHED = 1024;
/** Below this many blobs, starting workers (each compiles the catalog) costs more than it saves. */
const WORKERS_AFTER_BLOBS = 256;

export interface HistoryRequest {
  /** Repository path, relative to `base`. */
  repo: string;
  base: string;
  config: LeakguardConfig;
  branch?: string;
  since?: string;
  maxCount?: number;
  maxFileSizeMb: number;
  category: string;
  progress: Progress;
  /**
   * Threads that scan: the main thread and `jobs - 1` workers (default: the number of cores less
   * one, at least 1, since the git processes feeding the scan need CPU too; 1 scans in the main thread).
   */
  jobs?: number;
  /**
   * Scan only this shard's blobs (`--shard K/N`, by blob id); the walk is whole, so attribution is
   * exact and each finding records its walk position for the merge.
   */
  shard?: ShardSpec;
  /**
   * `--cache`: the cache folder (absolute). Each commit's changes are kept by commit id and each
   * blob's outcome by blob id and path, so a second walk of the same history reads neither again.
   */
  cache?: string;
}

export interface HistoryStats {
  commits: number;
  blobs: number;
  binaryBlobs: number;
  largeBlobs: number;
  excludedPaths: number;
}

/** The key under which a finding counts once in history: the secret (per rule), else the fingerprint. */
export function historyKey(f: Finding): string {
  return f.secret ? `${f.ruleId}\0${f.secret.hash}` : `${f.ruleId}\0fp:${f.fingerprint}`;
}

export async function runHistory(request: HistoryRequest): Promise<ScanReport & { history: HistoryStats; shard?: ShardRun }> {
  const started = performance.now();
  const repo = resolve(request.base, request.repo);
  const ctx = await createScanContext(request.config);
  const exclude = request.config.exclude.length > 0 ? ignore().add(request.config.exclude) : undefined;
  const maxBytes = Math.floor(request.maxFileSizeMb * 1048576);
  // The walk reads no contents: the blob pool does, in the threads that scan them.
  const options: Parameters<typeof walkHistory>[0] = { repo, contents: false };
  if (exclude) options.skipPath = (p) => exclude.ignores(p);
  if (request.branch !== undefined) options.branch = request.branch;
  if (request.since !== undefined) options.since = request.since;
  if (request.maxCount !== undefined) options.maxCount = request.maxCount;
  const blobCache = request.cache === undefined ? undefined : RunCache.open(request.cache, 'blob', request.config, maxBytes);
  const walkCache = request.cache === undefined ? undefined : RunCache.open(request.cache, 'walk', request.config, maxBytes);
  if (walkCache) options.commitCache = commitCacheOf(walkCache);
  // Every git problem (not a repository, a bad revision) throws a GitError here: exit 2.
  const walk = await walkHistory(options);

  const findings = new Map<string, Finding>();
  const atHead = new Set<string>();
  const notifications: Notification[] = [];
  const stats = { filesScanned: 0, bytesScanned: 0, filesSkipped: 0, durationMs: 0 };
  const history: HistoryStats = { commits: 0, blobs: 0, binaryBlobs: 0, largeBlobs: 0, excludedPaths: 0 };
  const excludedSeen = new Set<string>();

  const shard = request.shard;
  // Shards must have walked the same commits and blobs to be merged: a digest of the walk says so.
  const walkDigest = shard ? createHash('sha256') : undefined;
  const walkOrder = new Map<Finding, number>();

  // Blob ids go to the scanning threads in batches (see blob-pool.ts); each thread reads the
  // contents through its own `git cat-file --batch`. Results are taken in submission order, so the
  // first commit (parents before children) still wins whichever thread finishes first. The first WORKERS_AFTER_BLOBS
  // new blobs are held (ids only) to size the history: a small one is read and scanned in-process.
  // On 2 cores the main thread alone beat the main thread and a worker (4.3 s against 4.4-5.3 s on
  // the bench repository): the git processes take about half a core, and a worker's start-up and
  // warm-up cost about a second of CPU. So by default one core is left to git.
  const jobs = request.jobs ?? Math.max(1, availableParallelism() - 1);
  const init = { config: request.config, repo, maxBytes };
  const pathNames = new PathNames(ctx, { report: !shard || shard.index === 1 });
  let pool: BlobPool | undefined;
  /**
   * `order`: the blob's position in the walk (all blobs, every shard's), for the merge. With
   * --cache, `key` is its cache key and `cached` its outcome from an earlier run, if there was one.
   */
  type Meta = { oid: string; path: string; commit: CommitInfo; order: number; key: string | undefined; cached: BlobOutcome | undefined };
  const inFlight: { metas: Meta[]; outcomes: Promise<BlobOutcome[]> }[] = [];
  let maxInFlight = 2;
  let batch: Meta[] = [];
  /** Blobs of `batch` that must be read and scanned (the others' outcomes are cached). */
  let toScan = 0;
  const settle = async ({ metas, outcomes }: (typeof inFlight)[number]) => {
    const results = await outcomes;
    metas.forEach((meta, i) => {
      const outcome = results[i]!;
      // Kept as the scan returned it, before the walk adds commits to its findings.
      if (blobCache && meta.cached === undefined && cacheable(outcome)) blobCache.add(meta.key!, encodeOutcome(outcome));
      if (outcome.large) {
        history.largeBlobs++;
        stats.filesSkipped++;
        notifications.push({
          kind: 'skipped-large',
          level: 'note',
          message: `skipped in commit ${meta.commit.sha.slice(0, 12)}: ${(outcome.size / 1048576).toFixed(1)} MB is over --max-file-size`,
          path: meta.path,
        });
        return;
      }
      if (outcome.binary) {
        history.binaryBlobs++;
        stats.filesSkipped++;
      } else {
        stats.filesScanned++;
        stats.bytesScanned += outcome.size;
      }
      for (const n of outcome.notifications) notifications.push({ ...n, message: `in commit ${meta.commit.sha.slice(0, 12)}: ${n.message}` });
      const inHead = walk.headBlobs.has(meta.oid);
      for (const finding of outcome.findings) {
        const key = historyKey(finding);
        if (inHead) atHead.add(key);
        if (findings.has(key)) continue;
        finding.commit = provenance(meta.commit);
        findings.set(key, finding);
        walkOrder.set(finding, meta.order);
      }
    });
    request.progress.tick(stats.filesScanned, stats.bytesScanned);
  };
  const startPool = (workers: number) => {
    pool = BlobPool.start(workers, init, ctx);
    maxInFlight = Math.max(2, pool.depth);
  };
  const flush = async () => {
    if (batch.length === 0) return;
    const blobs = batch;
    batch = [];
    toScan = 0;
    const scan = blobs.filter((m) => m.cached === undefined);
    let outcomes: Promise<BlobOutcome[]>;
    if (scan.length === 0) {
      outcomes = Promise.resolve(blobs.map((m) => m.cached!));
    } else {
      if (!pool) startPool(1);
      const scanned = pool!.submit(scan);
      outcomes = scan.length === blobs.length ? scanned : scanned.then((r) => {
        let next = 0;
        return blobs.map((m) => m.cached ?? r[next++]!);
      });
    }
    outcomes.catch(() => undefined);
    inFlight.push({ metas: blobs, outcomes });
    while (inFlight.length > maxInFlight) await settle(inFlight.shift()!);
  };
  const add = async (meta: Meta) => {
    batch.push(meta);
    if (meta.cached === undefined) toScan++;
    if (toScan >= BATCH_BLOBS || batch.length >= BATCH_WITH_CACHED) await flush();
  };

  let held: Meta[] | undefined = jobs > 1 && BlobPool.canUseWorkers ? [] : undefined;
  /** Blobs held that are not cached: workers start only for a history with many to scan. */
  let heldToScan = 0;
  try {
    for await (const event of walk.events) {
      if (event.kind === 'commit') {
        history.commits++;
        walkDigest?.update(`c ${event.commit.sha}\n`);
        continue;
      }
      if (event.kind === 'skipped') {
        if (!excludedSeen.has(event.path)) {
          excludedSeen.add(event.path);
          history.excludedPaths++;
        }
        continue;
      }
      if (event.kind !== 'ref') continue;
      const order = history.blobs++;
      // Every shard scans every path's names (to mask them); shard 1 alone reports what they hold.
      pathNames.check(event.ref.path);
      if (walkDigest) {
        walkDigest.update(`b ${event.ref.oid} ${event.ref.path}\n`);
        if (blobOwner(event.ref.oid, shard!.count) !== shard!.index - 1) continue;
      }
      const { oid, path, commit } = event.ref;
      // Every field set at once (one object shape for the tens of thousands of blobs of a history).
      const key = blobCache ? blobEntryKey(oid, path) : undefined;
      const hit = key === undefined ? undefined : blobCache!.get(key);
      const meta: Meta = { oid, path, commit, order, key, cached: hit === undefined ? undefined : decodeOutcome(hit) };
      if (held) {
        held.push(meta);
        if (meta.cached === undefined) heldToScan++;
        if (heldToScan < WORKERS_AFTER_BLOBS) continue;
        // A large history: start the workers and hand them what was held.
        startPool(jobs);
        const queued = held;
        held = undefined;
        for (const m of queued) await add(m);
        continue;
      }
      await add(meta);
    }
    if (held) for (const m of held) await add(m);
    await flush();
    while (inFlight.length > 0) await settle(inFlight.shift()!);
  } finally {
    await (pool as BlobPool | undefined)?.close();
  }
  request.progress.done();
  // Every blob's name was scanned by now: an entry quoting a secret in one is left out (cache/entries.ts).
  if (blobCache && walkCache) {
    const notes = [...blobCache.finish(pathNames.holdsSecrets ? (t) => pathNames.mask(t) : undefined), ...walkCache.finish(walkEntriesMask(walkCache, ctx))];
    // Both caches live in one folder: one note when it cannot be written.
    notifications.push(...notes.filter((n, i) => notes.findIndex((m) => m.message === n.message) === i));
  }

  for (const [key, finding] of findings) finding.commit!.presentAtHead = atHead.has(key);
  // Each blob's notes in a total order, then the summary (history/summary.ts), which a merge rebuilds.
  sortNotifications(notifications);
  const walkFacts: WalkFacts = { commits: history.commits, blobs: history.blobs, excludedPaths: history.excludedPaths, shallow: walk.info.shallow, revisions: walk.revisions };
  if (request.maxCount) walkFacts.maxCount = request.maxCount;
  const blobFacts = { binaryBlobs: history.binaryBlobs, largeBlobs: history.largeBlobs, filesScanned: stats.filesScanned, bytesScanned: stats.bytesScanned };
  notifications.push(...historySummaryNotes(walkFacts, blobFacts));
  stats.durationMs = performance.now() - started;
  const report = assembleReport({ kind: 'history', category: request.category, findings: [...findings.values()], notifications, ctx, config: request.config, stats, pathNames }, { history });
  if (!shard) return report;
  return { ...report, shard: { spec: shard, input: walkDigest!.digest('hex'), walk: walkFacts, blobs: blobFacts, walkOrder } };
}

function provenance(commit: CommitInfo): NonNullable<Finding['commit']> {
  const p: NonNullable<Finding['commit']> = { sha: commit.sha, author: commit.author, date: commit.date, presentAtHead: false };
  if (commit.email) p.email = commit.email;
  return p;
}
