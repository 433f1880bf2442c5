/**
 * The scan's threads: `--jobs` of them scan (default: one per core), the main thread and
 * `jobs - 1` worker_threads, each worker compiling the catalog and initialising the scanners
 * once. Discovered files go out in batches; each worker holds at most MAX_QUEUED batches, and the
 * main thread scans a batch itself whenever no worker has room, so no core waits and memory stays
 * flat however large the tree. A worker takes about a quarter of a second of CPU to boot (modules,
 * catalog), what scanning ~20 MB costs: so the main thread scans the first POOL_AFTER_BYTES alone
 * and starts the workers only when more remains. Small scans (a pre-commit hook, a project) and
 * `--jobs 1` never start a worker. A large input (EAGER_POOL_FILES files discovered before the
 * first batch is scanned) starts them at once instead: counted, not sized, because a `stat` per
 * file (a promise each) cost more than the decision is worth on a real tree of small files, and
 * a real tree's files cost more per file than per byte (parsing, opening).
 */
import type { LeakguardConfig } from '@leakguard/core';
import type { DiscoveredFile } from '../discover.js';
import type { FileScanContext } from '../scan-file.js';
import { WorkerPool, workerScript } from '../worker-pool.js';
import type { BatchFile, BatchResult, WorkerAnswer, WorkerInit } from './protocol.js';
import { scanBatch } from './scan-batch.js';
import type { CacheStore } from '../cache/store.js';

export const BATCH_FILES = 24;
const MAX_QUEUED = 4;
/** Bytes the main thread scans before it starts workers (LEAKGUARD_POOL_AFTER_BYTES overrides, for tests). */
export const POOL_AFTER_BYTES = Number(process.env.LEAKGUARD_POOL_AFTER_BYTES ?? 32 * 1048576);

/** Discovered files from which the workers start at once (see `counted`). */
const EAGER_POOL_FILES = 2048;

export interface PoolOptions {
  jobs: number;
  config: LeakguardConfig;
  maxBytes: number;
  /** The main thread's context: used for small scans and if workers cannot run. */
  ctx: FileScanContext;
  onResult: (result: BatchResult) => void;
  /** `--cache`: the main thread's store; workers open the same namespace themselves. */
  cache?: CacheStore;
}

function failed(files: BatchFile[], reason: string): BatchResult {
  return {
    findings: [],
    notifications: files.map((f) => ({ kind: 'internal', level: 'error', message: `scan worker failed: ${reason}`, path: f.path })),
    filesScanned: 0,
    bytesScanned: 0,
    filesSkipped: files.length,
  };
}

export async function scanFiles(files: AsyncIterable<DiscoveredFile>, options: PoolOptions): Promise<void> {
  const script = workerScript('./worker.js', import.meta.url);
  let inProcessBytes = 0;
  const inProcess = async (batch: BatchFile[]) => {
    const result = await scanBatch(batch, options.ctx, options.maxBytes, options.cache);
    inProcessBytes += result.bytesScanned;
    options.onResult(result);
  };

  let workers: WorkerPool<WorkerAnswer> | undefined;
  /** Batches the workers hold: each settles by reporting its result (or its files as failed). */
  const inWorkers = new Set<Promise<void>>();
  // The main thread is one of the `jobs` scanning threads.
  const startWorkers = () => {
    const init: WorkerInit = { config: options.config, maxBytes: options.maxBytes };
    if (options.cache) init.cache = { dir: options.cache.dir, namespace: options.cache.namespace };
    workers = WorkerPool.start<WorkerAnswer>(script!, options.jobs - 1, init, MAX_QUEUED);
  };
  let started = false;
  /** Workers start at once when EAGER_POOL_FILES files are discovered before any is scanned. */
  async function* counted(): AsyncGenerator<DiscoveredFile> {
    const it = files[Symbol.asyncIterator]();
    const held: DiscoveredFile[] = [];
    if (options.jobs > 1 && script !== undefined && POOL_AFTER_BYTES > 0) {
      while (held.length < EAGER_POOL_FILES) {
        const r = await it.next();
        if (r.done === true) {
          yield* held;
          return;
        }
        held.push(r.value);
      }
      started = true;
      startWorkers();
    }
    yield* held;
    try {
      for (let r = await it.next(); r.done !== true; r = await it.next()) yield r.value;
    } finally {
      await it.return?.();
    }
  }

  let sentToWorkers = 0;
  let keptInMain = 0;
  const dispatch = async (batch: BatchFile[]) => {
    if (!started && options.jobs > 1 && script !== undefined && inProcessBytes >= POOL_AFTER_BYTES) {
      started = true;
      startWorkers();
    }
    for (;;) {
      const answer = workers?.trySubmit({ type: 'batch', files: batch });
      if (answer) {
        const settled: Promise<void> = answer.then(
          (m) => options.onResult(m.result),
          (error: Error) => options.onResult(failed(batch, error.message)),
        );
        inWorkers.add(settled);
        void settled.finally(() => inWorkers.delete(settled));
        sentToWorkers++;
        return;
      }
      // (With LEAKGUARD_POOL_AFTER_BYTES=0 everything goes to the workers, for tests.)
      if (!workers || workers.live === 0 || POOL_AFTER_BYTES > 0) {
        // No worker, or none with room: scan this batch here, then let their messages in.
        await inProcess(batch);
        keptInMain++;
        if (workers && workers.live > 0) await new Promise<void>((resolve) => setImmediate(resolve));
        return;
      }
      await workers.changed();
    }
  };

  try {
    let batch: BatchFile[] = [];
    for await (const file of counted()) {
      batch.push(file.raw ? { absolute: file.absolute, path: file.path, raw: file.raw } : { absolute: file.absolute, path: file.path });
      if (batch.length >= BATCH_FILES) {
        const full = batch;
        batch = [];
        await dispatch(full);
      }
    }
    if (batch.length > 0) await dispatch(batch);
    await Promise.all(inWorkers);
  } finally {
    await workers?.close();
    if (process.env.LEAKGUARD_POOL_DEBUG === '1') {
      process.stderr.write(`leakguard: pool: ${workers?.stats().length ?? 0} workers, ${sentToWorkers} batches to workers, ${keptInMain} in the main thread\n`);
    }
  }
}
