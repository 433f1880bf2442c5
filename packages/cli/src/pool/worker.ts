/** A file-scan worker: reads and scans the batches of files it is sent (see serve-batches.ts). */
import { serveBatches } from '../serve-batches.js';
import type { BatchRequest, WorkerInit } from './protocol.js';
import { scanBatch } from './scan-batch.js';
import { CacheStore } from '../cache/store.js';

let cache: CacheStore | undefined;

serveBatches<WorkerInit, BatchRequest>('pool/worker.js', async (message, ctx, init) => {
  if (init.cache) cache ??= CacheStore.open(init.cache.dir, init.cache.namespace);
  return { result: await scanBatch(message.files, ctx, init.maxBytes, cache) };
});
