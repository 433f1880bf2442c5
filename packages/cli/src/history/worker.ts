/**
 * A history worker: builds its scan context once, then scans the batches of blobs it is sent.
 * Only redacted findings leave the worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createScanContext } from '../run-scan.js';
import type { BlobBatch, BlobWorkerInit, BlobWorkerMessage } from './protocol.js';
import { scanBlobs } from './scan-blobs.js';

const port = parentPort;
if (!port) throw new Error('history/worker.js must run in a worker thread');
const init = workerData as BlobWorkerInit;
const post = (m: BlobWorkerMessage) => port.postMessage(m);

try {
  const ctx = await createScanContext(init.config);
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (batch: BlobBatch) => {
    chain = chain.then(async () => {
      const outcomes = await scanBlobs(batch.paths, batch.ends, batch.bytes, ctx);
      post({ type: 'result', id: batch.id, outcomes });
    });
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'init-error', message: error instanceof Error ? error.message : String(error) });
}
