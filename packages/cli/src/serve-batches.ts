/**
 * The loop every scan worker thread runs: build the scan context once (catalog compiled once per
 * worker), announce `ready`, then answer batches one after another (the pools keep at most a few
 * queued per worker). Only redacted findings leave a worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { LeakguardConfig } from '@leakguard/core';
import { createScanContext } from './run-scan.js';
import type { FileScanContext } from './scan-file.js';

export function serveBatches<Init extends { config: LeakguardConfig }, Batch extends { id: number }>(
  name: string,
  answer: (batch: Batch, ctx: FileScanContext, init: Init) => Promise<Record<string, unknown>>,
): void {
  const port = parentPort;
  if (!port) throw new Error(`${name} must run in a worker thread`);
  const init = workerData as Init;
  void (async () => {
    try {
      const ctx = await createScanContext(init.config);
      let chain: Promise<void> = Promise.resolve();
      port.on('message', (batch: Batch) => {
        chain = chain.then(async () => port.postMessage({ type: 'result', id: batch.id, ...(await answer(batch, ctx, init)) }));
      });
      port.postMessage({ type: 'ready' });
    } catch (error) {
      port.postMessage({ type: 'init-error', message: error instanceof Error ? error.message : String(error) });
    }
  })();
}
