/** A history worker: scans the batches of blobs it is sent (see serve-batches.ts). */
import { serveBatches } from '../serve-batches.js';
import type { BlobBatch, BlobWorkerInit } from './protocol.js';
import { scanBlobs } from './scan-blobs.js';

serveBatches<BlobWorkerInit, BlobBatch>('history/worker.js', async (batch, ctx) => ({ outcomes: await scanBlobs(batch.paths, batch.ends, batch.bytes, ctx) }));
