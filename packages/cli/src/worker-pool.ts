/**
 * Worker threads that answer batches, shared by `scan` (pool/) and `history` (history/): start
 * them without waiting, hand each batch to the least busy booted worker with room, match answers
 * to batches, and end them. A worker that fails to boot or dies rejects the batches it held; the
 * others go on. When no worker has room the caller decides (the main thread scans the batch itself).
 * The worker side is `serve-batches.ts`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** A worker's messages: `ready` once booted, `init-error` if it cannot boot, then one `result` per batch. */
export type WorkerReply<Answer> = { type: 'ready' } | { type: 'init-error'; message: string } | ({ type: 'result'; id: number } & Answer);

interface Slot<Answer> {
  worker: Worker;
  /** Booted: its scan context is built. */
  ready: boolean;
  alive: boolean;
  waiting: Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>;
  batches: number;
  /** Since when the worker has had nothing to do, and how long it waited in all (for debug lines). */
  idleSince: number;
  idleMs: number;
}

/** The compiled worker script `relative` to the module at `base` (absent when running from TypeScript sources). */
export function workerScript(relative: string, base: string): URL | undefined {
  const url = new URL(relative, base);
  return base.endsWith('.js') && existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * A worker's young generation: V8's default (16 MB semi-spaces) grows each thread's heap by tens of
 * MB that a scan's short-lived garbage (parse trees, windows) never needs at once. At 12 MB (4 MB
 * semi-spaces, the same as `--max-semi-space-size=4`) peak RSS of `scan -j 2` on the real bench
 * tree was 273-283 MB against 323-327 MB, for the same CPU time within the noise.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 12 };

export class WorkerPool<Answer extends object> {
  private nextId = 0;
  private wake: (() => void) | undefined;

  private constructor(
    private readonly slots: Slot<Answer>[],
    private readonly maxQueued: number,
  ) {}

  /** Starts `count` workers running `script` with `workerData`; each holds at most `maxQueued` batches. */
  static start<Answer extends object>(script: URL, count: number, workerData: unknown, maxQueued: number): WorkerPool<Answer> {
    const slots: Slot<Answer>[] = [];
    const pool = new WorkerPool<Answer>(slots, maxQueued);
    for (let i = 0; i < count; i++) {
      const slot: Slot<Answer> = { worker: new Worker(script, { workerData, resourceLimits: WORKER_LIMITS }), ready: false, alive: true, waiting: new Map(), batches: 0, idleSince: performance.now(), idleMs: 0 };
      const die = (reason: string) => {
        if (!slot.alive) return;
        slot.alive = false;
        for (const w of slot.waiting.values()) w.reject(new Error(reason));
        slot.waiting.clear();
        pool.signal();
      };
      slot.worker.on('message', (m: WorkerReply<Answer>) => {
        if (m.type === 'ready') {
          slot.ready = true;
          slot.idleSince = performance.now();
        } else if (m.type === 'init-error') {
          die(m.message);
          void slot.worker.terminate();
        } else {
          const w = slot.waiting.get(m.id);
          slot.waiting.delete(m.id);
          if (slot.waiting.size === 0) slot.idleSince = performance.now();
          w?.resolve(m);
        }
        pool.signal();
      });
      slot.worker.on('error', (error) => die(error.message));
      slot.worker.on('exit', (code) => die(`exited with code ${code}`));
      slots.push(slot);
    }
    return pool;
  }

  /** Workers still alive (booting or booted). */
  get live(): number {
    return this.slots.filter((s) => s.alive).length;
  }

  /** Some live worker has not finished booting. */
  get booting(): boolean {
    return this.slots.some((s) => s.alive && !s.ready);
  }

  /** Batches held by workers, being scanned or queued. */
  get held(): number {
    return this.slots.reduce((n, s) => n + s.waiting.size, 0);
  }

  /**
   * Sends `batch` (its `id` is added) to the least busy booted worker with room; undefined when none
   * has room. The promise resolves with the worker's answer, or rejects if the worker dies first.
   */
  trySubmit(batch: object): Promise<Answer> | undefined {
    let slot: Slot<Answer> | undefined;
    for (const s of this.slots) if (s.alive && s.ready && (!slot || s.waiting.size < slot.waiting.size)) slot = s;
    if (!slot || slot.waiting.size >= this.maxQueued) return undefined;
    const id = this.nextId++;
    if (slot.waiting.size === 0) slot.idleMs += performance.now() - slot.idleSince;
    slot.batches++;
    const target = slot;
    return new Promise<Answer>((resolve, reject) => {
      target.waiting.set(id, { resolve, reject });
      target.worker.postMessage({ ...batch, id });
    });
  }

  /** Resolves at the next event that may give a worker room: an answer, a worker booted or gone. */
  changed(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  /** Per worker: batches taken and milliseconds spent waiting for work. */
  stats(): { batches: number; idleMs: number }[] {
    const now = performance.now();
    return this.slots.map((s) => ({ batches: s.batches, idleMs: Math.round(s.idleMs + (s.waiting.size === 0 ? now - s.idleSince : 0)) }));
  }

  /** Ends every worker. */
  async close(): Promise<void> {
    for (const slot of this.slots) {
      slot.alive = false;
      await slot.worker.terminate();
    }
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
