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
import { CatFileBatch, GitError } from '@leakguard/scanner-git';
import type { FileScanContext } from '../scan-file.js';
import { WorkerPool, workerScript } from '../worker-pool.js';
import type { BlobAnswer, BlobOutcome, BlobWorkerInit } from './protocol.js';
import { scanBlobs } from './scan-blobs.js';

export interface PendingBlob {
  oid: string;
  path: string;
}

/** Batches a worker holds (one scanning, the rest queued) before the main thread scans one itself. */
const MAX_QUEUED = 2;

const script = () => workerScript('./worker.js', import.meta.url);

export class BlobPool {
  /** Batches the main thread scanned (LEAKGUARD_POOL_DEBUG). */
  private inProcess = 0;
  /** The main thread's reader, for in-process batches (opened on first use). */
  private reader: CatFileBatch | undefined;

  private constructor(
    private readonly workers: WorkerPool<BlobAnswer> | undefined,
    private readonly init: BlobWorkerInit,
    private readonly ctx: FileScanContext,
  ) {}

  /** True when worker threads can run (the compiled worker script exists). */
  static get canUseWorkers(): boolean {
    return script() !== undefined;
  }

  /**
   * Starts `jobs - 1` workers (none for one job) without waiting for them: the main thread scans
   * until a worker says it is ready (booting takes a few hundred milliseconds). Workers that fail to
   * start are left out.
   */
  static start(jobs: number, init: BlobWorkerInit, ctx: FileScanContext): BlobPool {
    const url = script();
    if (jobs <= 1 || !url) return new BlobPool(undefined, init, ctx);
    return new BlobPool(WorkerPool.start<BlobAnswer>(url, jobs - 1, init, MAX_QUEUED), init, ctx);
  }

  /** Batches worth keeping in flight: enough queued for every worker, and one for the main thread. */
  get depth(): number {
    return (this.workers?.live ?? 0) * MAX_QUEUED + 1;
  }

  /** Reads and scans a batch; resolves with one outcome per blob, in order. */
  submit(blobs: PendingBlob[]): Promise<BlobOutcome[]> {
    const oids = blobs.map((b) => b.oid);
    const paths = blobs.map((b) => b.path);
    const answer = this.workers?.trySubmit({ type: 'batch', oids, paths });
    if (!answer) {
      this.inProcess++;
      this.reader ??= new CatFileBatch(this.init.repo, this.init.maxBytes);
      return scanBlobs(oids, paths, this.reader, this.ctx);
    }
    return answer.then(
      (m) => {
        if (m.gitError !== undefined) throw new GitError(m.gitError, 'cat-file', null);
        return m.outcomes;
      },
      (error: Error) => {
        throw new Error(`history worker failed: ${error.message}`);
      },
    );
  }

  async close(): Promise<void> {
    if (process.env.LEAKGUARD_POOL_DEBUG === '1' && this.workers) {
      const idle = this.workers.stats().map((s) => `${s.batches} batches, idle ${s.idleMs} ms`);
      process.stderr.write(`leakguard: history pool: ${idle.join('; ')}; ${this.inProcess} batches in the main thread\n`);
    }
    // Terminating a worker closes its cat-file's stdin: git sees the end of input and exits.
    await this.workers?.close();
    await this.reader?.close();
  }
}
