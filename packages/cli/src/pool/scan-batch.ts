/** Reads and scans one batch of files, in a worker or in the main thread: the same code either way. */
import { constants } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { fsPath } from '../file-names.js';
import { keyStoreFindings } from '../key-store-files.js';
import { readInput, type ReadResult } from '../read-input.js';
import { scanFileBytes, type FileScanContext, type FileScanResult } from '../scan-file.js';
import { cacheable, fileEntryKey } from '../cache/entries.js';
import type { CacheStore } from '../cache/store.js';
import type { BatchFile, BatchResult } from './protocol.js';
import { readInputSync } from './read-sync.js';

/** Files read ahead while one is scanned, so the thread does not sit idle waiting for the disk. */
const READ_AHEAD = 4;

/**
 * A file's result from the cache, or scanned (and offered to it). Keyed by its path and content; a
 * file whose scanner reads the files next to it (a Terraform module) is always scanned afresh.
 */
async function scanOrReuse(file: BatchFile, data: Buffer, ctx: FileScanContext, maxBytes: number, cache: CacheStore | undefined, result: BatchResult): Promise<FileScanResult> {
  const scan = () => scanFileBytes(file.path, data, ctx, file.absolute, maxBytes);
  if (!cache || ctx.scanners.some((s) => s.readsNeighbours === true && s.accepts({ path: file.path, get text() { return data.toString('utf8'); }, absolutePath: file.absolute }))) return scan();
  const key = fileEntryKey(file.path, data);
  const hit = cache.get(key);
  if (hit !== undefined) {
    try {
      return JSON.parse(hit) as FileScanResult;
    } catch {
      // not a value this version wrote: scanned again
    }
  }
  const scanned = await scan();
  if (cacheable(scanned)) (result.cacheAdded ??= []).push([key, JSON.stringify(scanned)]);
  return scanned;
}

export async function scanBatch(files: BatchFile[], ctx: FileScanContext, maxBytes: number, cache?: CacheStore): Promise<BatchResult> {
  const result: BatchResult = { findings: [], notifications: [], filesScanned: 0, bytesScanned: 0, filesSkipped: 0 };
  // In a worker, plain synchronous reads (see read-sync.ts); in the main thread (small scans,
  // --jobs 1) too, unless the platform lacks O_NONBLOCK (Windows), then async with read-ahead.
  const sync = !isMainThread || constants.O_NONBLOCK !== undefined;
  const reads: Promise<ReadResult>[] = [];
  const readAt = (i: number) => {
    if (sync || i >= files.length || reads[i] !== undefined) return;
    reads[i] = readInput(fsPath(files[i]!.raw ?? files[i]!.absolute), files[i]!.path, maxBytes);
  };
  for (let i = 0; i < Math.min(READ_AHEAD, files.length); i++) readAt(i);
  for (let i = 0; i < files.length; i++) {
    readAt(i + READ_AHEAD);
    const file = files[i]!;
    const read = sync ? readInputSync(fsPath(file.raw ?? file.absolute), file.path, maxBytes) : await reads[i]!;
    delete reads[i]; // let the text go as soon as it is scanned
    if ('skipped' in read) {
      result.filesSkipped++;
      result.notifications.push(read.skipped);
      for (const f of keyStoreFindings(file.path, read.head, read.size, ctx)) result.findings.push(f);
      continue;
    }
    const scanned = await scanOrReuse(file, read.data, ctx, maxBytes, cache, result);
    for (const f of scanned.findings) result.findings.push(f);
    for (const n of scanned.notifications) result.notifications.push(n);
    result.filesScanned++;
    result.bytesScanned += read.data.length;
  }
  return result;
}
