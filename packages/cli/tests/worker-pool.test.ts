/** The worker pool shared by `scan` and `history`, with tiny worker scripts instead of scanners. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from '../src/worker-pool.js';

const dir = mkdtempSync(join(tmpdir(), 'leakguard-pool-'));
/** A worker script: boots (or not), then answers each batch as `answer` says. */
function script(name: string, body: string): URL {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, `import { parentPort, workerData } from 'node:worker_threads';\n${body}\n`);
  return pathToFileURL(file);
}
const DOUBLER = script(
  'doubler',
  `parentPort.postMessage({ type: 'ready' });
   parentPort.on('message', (b) => {
     if (b.n < 0) process.exit(3); // a batch that kills the worker
     setTimeout(() => parentPort.postMessage({ type: 'result', id: b.id, doubled: b.n * workerData.factor }), b.delay ?? 0);
   });`,
);
const BROKEN = script('broken', `parentPort.postMessage({ type: 'init-error', message: 'cannot build the scan context' });`);

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
};

let pools: WorkerPool<{ doubled: number }>[] = [];
afterEach(async () => {
  for (const p of pools) await p.close();
  pools = [];
});
const start = (url: URL, count: number, maxQueued = 2) => {
  const p = WorkerPool.start<{ doubled: number }>(url, count, { factor: 2 }, maxQueued);
  pools.push(p);
  return p;
};

describe('WorkerPool', () => {
  it('takes nothing until a worker has booted, then answers each batch with its own answer', async () => {
    const pool = start(DOUBLER, 2);
    expect(pool.trySubmit({ n: 1 })).toBeUndefined(); // still booting
    expect(pool.booting).toBe(true);
    await until(() => !pool.booting);
    const answers = await Promise.all([1, 2, 3, 4].map((n) => pool.trySubmit({ n })!));
    expect(answers.map((a) => a.doubled)).toEqual([2, 4, 6, 8]);
    expect(pool.stats().map((s) => s.batches).reduce((a, b) => a + b)).toBe(4);
  });

  it('gives a worker at most maxQueued batches, and says when one has room again', async () => {
    const pool = start(DOUBLER, 1, 2);
    await until(() => !pool.booting);
    const first = pool.trySubmit({ n: 1, delay: 50 })!;
    const second = pool.trySubmit({ n: 2, delay: 50 })!;
    expect(pool.trySubmit({ n: 3 })).toBeUndefined();
    expect(pool.held).toBe(2);
    await pool.changed();
    expect((await first).doubled).toBe(2);
    expect(pool.trySubmit({ n: 3 })).toBeDefined();
    expect((await second).doubled).toBe(4);
  });

  it('rejects the batches a dying worker held, and goes on with the others', async () => {
    const pool = start(DOUBLER, 2, 1);
    await until(() => !pool.booting);
    const dying = pool.trySubmit({ n: -1 })!;
    await expect(dying).rejects.toThrow('exited with code 3');
    await until(() => pool.live === 1);
    expect((await pool.trySubmit({ n: 5 })!).doubled).toBe(10);
  });

  it('leaves out a worker that cannot boot', async () => {
    const pool = start(BROKEN, 2);
    await until(() => pool.live === 0);
    expect(pool.trySubmit({ n: 1 })).toBeUndefined();
  });
});
