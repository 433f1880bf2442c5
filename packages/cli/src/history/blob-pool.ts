/**
 * The blob pool of `leakguard history`: worker threads (one per core, or --jobs) that each read
 * blobs through their own `git cat-file --batch` and scan them. Only object ids and paths cross
 * threads: the main thread walks the log and never touches blob bytes. `submit` resolves with one
 * outcome per blob, in order; callers keep the promises in submission order, so attribution (the
 * first commit wins) does not depend on which worker was faster. Without workers (one job, a small
 * history, or running from TypeScript sources) batches are read and scanned in-process.
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
  busy: number;
  alive: boolean;
  /** Since when the worker has had nothing to do, and how long it waited in all (LEAKGUARD_POOL_DEBUG). */
  idleSince: number;
  idleMs: number;
  batches: number;
  waiting: Map<number, { resolve: (o: BlobOutcome[]) => void; reject: (e: Error) => void }>;
}

function workerScript(): URL | undefined {
  const url = new URL('./worker.js', import.meta.url);
  return import.meta.url.endsWith('.js') && existsSync(fileURLToPath(url)) ? url : undefined;
}

export class BlobPool {
  private nextId = 0;
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

  /** Starts `jobs` workers (none for one job); workers that fail to start are left out. */
  static async start(jobs: number, init: BlobWorkerInit, ctx: FileScanContext): Promise<BlobPool> {
    const script = workerScript();
    if (jobs <= 1 || !script) return new BlobPool([], init, ctx);
    const started = await Promise.all(
      Array.from({ length: jobs }, () => {
        const worker = new Worker(script, { workerData: init });
        return new Promise<Slot | undefined>((resolve) => {
          const onMessage = (m: BlobWorkerMessage) => {
            if (m.type === 'ready') resolve({ worker, busy: 0, alive: true, waiting: new Map(), idleSince: performance.now(), idleMs: 0, batches: 0 });
            else if (m.type === 'init-error') {
              void worker.terminate();
              resolve(undefined);
            }
          };
          worker.once('message', onMessage);
          worker.once('error', () => resolve(undefined));
        });
      }),
    );
    const slots = started.filter((s): s is Slot => s !== undefined);
    for (const slot of slots) {
      slot.worker.on('message', (m: BlobWorkerMessage) => {
        if (m.type !== 'result') return;
        const w = slot.waiting.get(m.id);
        slot.waiting.delete(m.id);
        slot.busy--;
        if (slot.busy === 0) slot.idleSince = performance.now();
        if (m.gitError !== undefined) w?.reject(new GitError(m.gitError, 'cat-file', null));
        else w?.resolve(m.outcomes);
      });
      const die = (reason: string) => {
        if (!slot.alive) return;
        slot.alive = false;
        for (const w of slot.waiting.values()) w.reject(new Error(`history worker failed: ${reason}`));
        slot.waiting.clear();
      };
      slot.worker.on('error', (e) => die(e.message));
      slot.worker.on('exit', (code) => die(`exited with code ${code}`));
    }
    return new BlobPool(slots, init, ctx);
  }

  get workers(): number {
    return this.slots.filter((s) => s.alive).length;
  }

  /** Reads and scans a batch; resolves with one outcome per blob, in order. */
  submit(blobs: PendingBlob[]): Promise<BlobOutcome[]> {
    const oids = blobs.map((b) => b.oid);
    const paths = blobs.map((b) => b.path);
    const live = this.slots.filter((s) => s.alive);
    if (live.length === 0) {
      this.reader ??= new CatFileBatch(this.init.repo, this.init.maxBytes);
      return scanBlobs(oids, paths, this.reader, this.ctx);
    }
    const slot = live.reduce((a, b) => (b.busy < a.busy ? b : a));
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
      process.stderr.write(`leakguard: history pool: ${idle.join('; ')}\n`);
    }
    // Terminating a worker closes its cat-file's stdin: git sees the end of input and exits.
    for (const slot of this.slots) {
      slot.alive = false;
      await slot.worker.terminate();
    }
    await this.reader?.close();
  }
}
