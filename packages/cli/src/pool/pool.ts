/**
 * The scan's worker_threads pool: one worker per core (or `--jobs`), each compiling the catalog
 * and initialising the scanners once. Discovered files go out in batches; each worker holds at
 * most MAX_QUEUED batches, and discovery is only pulled when a worker has room, so memory stays
 * flat however large the tree. Small scans (and `--jobs 1`) run in the main thread: starting
 * workers would cost more than it saves.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LeakguardConfig } from '@leakguard/core';
import type { DiscoveredFile } from '../discover.js';
import type { FileScanContext } from '../scan-file.js';
import type { BatchFile, BatchResult, WorkerInit, WorkerMessage } from './protocol.js';
import { scanBatch } from './scan-batch.js';

export const BATCH_FILES = 24;
const MAX_QUEUED = 2;
/** Below this many files the scan stays in the main thread. */
export const SMALL_SCAN_FILES = 48;

export interface PoolOptions {
  jobs: number;
  config: LeakguardConfig;
  maxBytes: number;
  /** The main thread's context: used for small scans and if workers cannot run. */
  ctx: FileScanContext;
  onResult: (result: BatchResult) => void;
}

/** The compiled worker next to this module (absent when running from TypeScript sources). */
function workerScript(): URL | undefined {
  const url = new URL('./worker.js', import.meta.url);
  return import.meta.url.endsWith('.js') && existsSync(fileURLToPath(url)) ? url : undefined;
}

interface PoolWorker {
  worker: Worker;
  queued: Map<number, BatchFile[]>;
  alive: boolean;
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

async function startWorkers(count: number, script: URL, init: WorkerInit): Promise<PoolWorker[]> {
  const started = await Promise.all(
    Array.from({ length: count }, () => {
      const worker = new Worker(script, { workerData: init });
      return new Promise<PoolWorker | undefined>((resolve) => {
        const onMessage = (m: WorkerMessage) => {
          if (m.type === 'ready' || m.type === 'init-error') {
            worker.off('message', onMessage);
            worker.off('error', onError);
            if (m.type === 'ready') resolve({ worker, queued: new Map(), alive: true });
            else {
              void worker.terminate();
              resolve(undefined);
            }
          }
        };
        const onError = () => resolve(undefined);
        worker.on('message', onMessage);
        worker.once('error', onError);
      });
    }),
  );
  return started.filter((w): w is PoolWorker => w !== undefined);
}

export async function scanFiles(files: AsyncIterable<DiscoveredFile>, options: PoolOptions): Promise<void> {
  const iterator = files[Symbol.asyncIterator]();
  const head: BatchFile[] = [];
  let exhausted = false;
  while (head.length < SMALL_SCAN_FILES) {
    const next = await iterator.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    head.push({ absolute: next.value.absolute, path: next.value.path });
  }
  const inProcess = async (batch: BatchFile[]) => options.onResult(await scanBatch(batch, options.ctx, options.maxBytes));
  const script = workerScript();
  const workers = exhausted || options.jobs <= 1 || !script ? [] : await startWorkers(options.jobs, script, { config: options.config, maxBytes: options.maxBytes });

  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  for (const pw of workers) {
    pw.worker.on('message', (m: WorkerMessage) => {
      if (m.type !== 'result') return;
      pw.queued.delete(m.id);
      options.onResult(m.result);
      signal();
    });
    const die = (reason: string) => {
      if (!pw.alive) return;
      pw.alive = false;
      for (const batch of pw.queued.values()) options.onResult(failed(batch, reason));
      pw.queued.clear();
      signal();
    };
    pw.worker.on('error', (error) => die(error.message));
    pw.worker.on('exit', (code) => die(`exited with code ${code}`));
  }

  let nextId = 0;
  const dispatch = async (batch: BatchFile[]) => {
    for (;;) {
      const live = workers.filter((w) => w.alive);
      if (live.length === 0) return inProcess(batch);
      const target = live.reduce((a, b) => (b.queued.size < a.queued.size ? b : a));
      if (target.queued.size < MAX_QUEUED) {
        const id = nextId++;
        target.queued.set(id, batch);
        target.worker.postMessage({ type: 'batch', id, files: batch });
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };

  try {
    let batch: BatchFile[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const full = batch;
      batch = [];
      await dispatch(full);
    };
    for (const file of head) {
      batch.push(file);
      if (batch.length >= BATCH_FILES) await flush();
    }
    while (!exhausted) {
      const next = await iterator.next();
      if (next.done) break;
      batch.push({ absolute: next.value.absolute, path: next.value.path });
      if (batch.length >= BATCH_FILES) await flush();
    }
    await flush();
    while (workers.some((w) => w.alive && w.queued.size > 0)) await new Promise<void>((resolve) => (wake = resolve));
  } finally {
    for (const pw of workers) {
      pw.alive = false;
      await pw.worker.terminate();
    }
  }
}
