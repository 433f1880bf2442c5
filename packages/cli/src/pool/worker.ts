/**
 * A scan worker: builds its scan context once (the catalog compiled once per worker, every
 * registered scanner initialised, exactly as `createScanContext` does in the main thread), then
 * reads and scans the batches of files it is sent. Only redacted findings leave the worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createScanContext } from '../run-scan.js';
import type { BatchRequest, WorkerInit, WorkerMessage } from './protocol.js';
import { scanBatch } from './scan-batch.js';

const port = parentPort;
if (!port) throw new Error('pool/worker.js must run in a worker thread');
const init = workerData as WorkerInit;
const post = (m: WorkerMessage) => port.postMessage(m);

try {
  const ctx = await createScanContext(init.config);
  // Batches run one after another: the pool keeps at most two queued per worker.
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (message: BatchRequest) => {
    chain = chain.then(async () => {
      const result = await scanBatch(message.files, ctx, init.maxBytes);
      post({ type: 'result', id: message.id, result });
    });
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'init-error', message: error instanceof Error ? error.message : String(error) });
}
