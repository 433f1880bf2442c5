/**
 * `leakguard scan --staged`: scans what `git commit` would record (the index), not the working
 * tree, so a pre-commit hook judges exactly the content being committed. Paths are relative to the
 * repository's top; paths given on the command line (relative to the current folder) narrow it.
 */
import ignore from 'ignore';
import { type Finding, type LeakguardConfig, type Notification, type ScanReport } from '@leakguard/core';
import { CatFileBatch, repoInfo, stagedFiles, type GitObject } from '@leakguard/scanner-git';
import type { Progress } from './progress.js';
import { looksBinary } from './read-input.js';
import { createScanContext } from './run-scan.js';
import { scanFileBytes, type FileScanContext } from './scan-file.js';
import { assembleReport } from './assemble-report.js';
import { keyStoreFindings } from './key-store-files.js';
import { PathNames } from './path-names.js';
import { RunCache } from './cache/run-cache.js';
import { blobEntryKey, cacheable } from './cache/entries.js';
import type { BlobOutcome } from './history/protocol.js';
import { decodeOutcome, encodeOutcome } from './history/outcome-codec.js';

export interface StagedRequest {
  /** The current folder: inside the repository. */
  base: string;
  /** Pathspecs relative to `base` (empty: everything staged). */
  paths: string[];
  config: LeakguardConfig;
  maxFileSizeMb: number;
  category: string;
  progress: Progress;
  /** `--cache`: the cache folder (absolute); staged blobs share history's entries (blob id and path). */
  cache?: string;
}

export async function runStagedScan(request: StagedRequest): Promise<ScanReport> {
  const started = performance.now();
  // Not a repository is a GitError: exit 2, never a silent clean result.
  await repoInfo(request.base);
  const files = await stagedFiles(request.base, request.paths.filter((p) => p !== '.'));
  const ctx = await createScanContext(request.config);
  const exclude = request.config.exclude.length > 0 ? ignore().add(request.config.exclude) : undefined;
  const maxBytes = Math.floor(request.maxFileSizeMb * 1048576);
  const findings: Finding[] = [];
  const notifications: Notification[] = [];
  const stats = { filesScanned: 0, bytesScanned: 0, filesSkipped: 0, durationMs: 0 };
  const wanted = files.filter((f) => !exclude?.ignores(f.path));
  const cache = request.cache === undefined ? undefined : RunCache.open(request.cache, 'blob', request.config, maxBytes);
  const keys = wanted.map((f) => (cache ? blobEntryKey(f.oid, f.path) : ''));
  const cached = keys.map((k) => {
    const hit = cache?.get(k);
    return hit === undefined ? undefined : decodeOutcome(hit);
  });
  const take = (path: string, outcome: BlobOutcome) => {
    if (outcome.large) {
      stats.filesSkipped++;
      notifications.push({ kind: 'skipped-large', level: 'note', message: `skipped: ${(outcome.size / 1048576).toFixed(1)} MB is over --max-file-size`, path });
    } else if (outcome.binary) {
      stats.filesSkipped++;
      notifications.push({ kind: 'skipped-binary', level: 'note', message: 'skipped: binary file', path });
      findings.push(...outcome.findings); // a key store, found by its first bytes (key-store-files.ts)
    } else {
      findings.push(...outcome.findings);
      notifications.push(...outcome.notifications);
      stats.filesScanned++;
      stats.bytesScanned += outcome.size;
      request.progress.tick(stats.filesScanned, stats.bytesScanned);
    }
  };
  const toRead = wanted.filter((_, i) => cached[i] === undefined);
  const batch = toRead.length > 0 ? new CatFileBatch(request.base, maxBytes) : undefined;
  try {
    // Every read is requested at once; git answers in order while we scan.
    const reads = new Map(toRead.map((f) => [f, batch!.read(f.oid)]));
    for (const r of reads.values()) r.catch(() => undefined);
    for (let i = 0; i < wanted.length; i++) {
      const file = wanted[i]!;
      const hit = cached[i];
      if (hit) {
        take(file.path, hit);
        continue;
      }
      const outcome = await blobOutcome(file.path, await reads.get(file)!, ctx);
      // Kept as scanned, before the report masks anything in it.
      if (cacheable(outcome)) cache?.add(keys[i]!, encodeOutcome(outcome));
      take(file.path, outcome);
    }
  } finally {
    await batch?.close();
  }
  request.progress.done();
  const pathNames = new PathNames(ctx);
  for (const file of wanted) pathNames.check(file.path);
  if (cache) notifications.push(...cache.finish(pathNames.holdsSecrets ? (t) => pathNames.mask(t) : undefined));
  stats.durationMs = performance.now() - started;
  return assembleReport({ kind: 'scan', category: request.category, findings, notifications, ctx, config: request.config, stats, pathNames });
}

/** A staged blob as history records one: over the size limit, binary, or scanned. */
async function blobOutcome(path: string, object: GitObject, ctx: FileScanContext): Promise<BlobOutcome> {
  if (object.skipped) return { size: object.size, large: true, binary: false, findings: [], notifications: [] };
  if (looksBinary(object.data)) return { size: object.data.length, binary: true, findings: keyStoreFindings(path, object.data, object.data.length, ctx), notifications: [] };
  const result = await scanFileBytes(path, object.data, ctx);
  return { size: object.data.length, binary: false, findings: result.findings, notifications: result.notifications };
}
