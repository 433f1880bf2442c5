/**
 * The blob pool of `leakguard history`: `jobs` scanning threads, the main thread and `jobs - 1`
 * worker threads, each reading blobs through its own `git cat-file --batch`. Only object ids and
 * paths cross threads. The main thread walks the log (which costs little) and scans a batch itself
 * whenever every worker already has MAX_QUEUED batches: a worker costs ~0.8 s of CPU to boot and warm
 * up, so one per core besides the main thread would leave the main thread idle and cost a core's
 * share of start-up (measured: on 2 cores, 2 workers were slower than the main thread alone).
 * `submit` resolves with one outcome per blob, in order; callers keep the promises in submission
 * order, so attribution (the first commit wins) does not depend on which thread was faster.
 * Without workers (one job, a small history, or running from TypeScript sources) every batch is
 * read and scanned in-process.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CatFileBatch, GitError } from '@leakguard/scanner-git';
import type { FileScanContext } from '../scan-file.js';
import type { BlobOutcome, BlobWorkerInit, BlobWorkerMessage } from './protocol.js';
import { scanBlobs } from './scan-blobs.js';

export interface PendingBlob {
  oid: string;
  path: string;
}

interface Slot {
  worker: Worker;
  /** Booted: its scan context is built. */
  ready: boolean;
  busy: number;
  alive: boolean;
  /** Since when the worker has had nothing to do, and how long it waited in all (LEAKGUARD_POOL_DEBUG). */
  idleSince: number;
  idleMs: number;
  batches: number;
  waiting: Map<number, { resolve: (o: BlobOutcome[]) => void; reject: (e: Error) => void }>;
}

/** Batches a worker holds (one scanning, the rest queued) before the main thread scans one itself. */
const MAX_QUEUED = 2;

function workerScript(): URL | undefined {
  const url = new URL('./worker.js', import.meta.url);
  return import.meta.url.endsWith('.js') && existsSync(fileURLToPath(url)) ? url : undefined;
}

export class BlobPool {
  private nextId = 0;
  /** Batches the main thread scanned (LEAKGUARD_POOL_DEBUG). */
  private inProcess = 0;
  /** The main thread's reader, for in-process batches (opened on first use). */
  private reader: CatFileBatch | undefined;

  private constructor(
    private readonly slots: Slot[],
    private readonly init: BlobWorkerInit,
    private readonly ctx: FileScanContext,
  ) {}

  /** True when worker threads can run (the compiled worker script exists). */
  static get canUseWorkers(): boolean {
    return workerScript() !== undefined;
  }

  /**
   * Starts `jobs - 1` workers (none for one job) without waiting for them: the main thread scans
   * until a worker says it is ready (booting takes a few hundred milliseconds). Workers that fail to
   * start are left out.
   */
  static start(jobs: number, init: BlobWorkerInit, ctx: FileScanContext): BlobPool {
    const script = workerScript();
    if (jobs <= 1 || !script) return new BlobPool([], init, ctx);
    const slots = Array.from({ length: jobs - 1 }, (): Slot => {
      const worker = new Worker(script, { workerData: init });
      const slot: Slot = { worker, ready: false, busy: 0, alive: true, waiting: new Map(), idleSince: performance.now(), idleMs: 0, batches: 0 };
      const die = (reason: string) => {
        if (!slot.alive) return;
        slot.alive = false;
        for (const w of slot.waiting.values()) w.reject(new Error(`history worker failed: ${reason}`));
        slot.waiting.clear();
      };
      worker.on('message', (m: BlobWorkerMessage) => {
        if (m.type === 'ready') {
          slot.ready = true;
          slot.idleSince = performance.now();
          return;
        }
        if (m.type === 'init-error') {
          die(m.message);
          void worker.terminate();
          return;
        }
        const w = slot.waiting.get(m.id);
        slot.waiting.delete(m.id);
        slot.busy--;
        if (slot.busy === 0) slot.idleSince = performance.now();
        if (m.gitError !== undefined) w?.reject(new GitError(m.gitError, 'cat-file', null));
        else w?.resolve(m.outcomes);
      });
      worker.on('error', (e) => die(e.message));
      worker.on('exit', (code) => die(`exited with code ${code}`));
      return slot;
    });
    return new BlobPool(slots, init, ctx);
  }

  get workers(): number {
    return this.slots.filter((s) => s.alive).length;
  }

  /** Batches worth keeping in flight: enough queued for every worker, and one for the main thread. */
  get depth(): number {
    return this.workers * MAX_QUEUED + 1;
  }

  /** Reads and scans a batch; resolves with one outcome per blob, in order. */
  submit(blobs: PendingBlob[]): Promise<BlobOutcome[]> {
    const oids = blobs.map((b) => b.oid);
    const paths = blobs.map((b) => b.path);
    const ready = this.slots.filter((s) => s.alive && s.ready);
    const slot = ready.length === 0 ? undefined : ready.reduce((a, b) => (b.busy < a.busy ? b : a));
    if (!slot || slot.busy >= MAX_QUEUED) {
      this.inProcess++;
      this.reader ??= new CatFileBatch(this.init.repo, this.init.maxBytes);
      return scanBlobs(oids, paths, this.reader, this.ctx);
    }
    const id = this.nextId++;
    if (slot.busy === 0) slot.idleMs += performance.now() - slot.idleSince;
    slot.busy++;
    slot.batches++;
    return new Promise((resolve, reject) => {
      slot.waiting.set(id, { resolve, reject });
      slot.worker.postMessage({ type: 'batch', id, oids, paths });
    });
  }

  async close(): Promise<void> {
    if (process.env.LEAKGUARD_POOL_DEBUG === '1' && this.slots.length > 0) {
      const now = performance.now();
      const idle = this.slots.map((s) => `${s.batches} batches, idle ${Math.round(s.idleMs + (s.busy === 0 ? now - s.idleSince : 0))} ms`);
      process.stderr.write(`leakguard: history pool: ${idle.join('; ')}; ${this.inProcess} batches in the main thread\n`);
    }
    // Terminating a worker closes its cat-file's stdin: git sees the end of input and exits.
    for (const slot of this.slots) {
      slot.alive = false;
      await slot.worker.terminate();
    }
    await this.reader?.close();
  }
}
