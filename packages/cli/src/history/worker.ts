/**
 * A history worker: reads the blobs of each batch it is sent through its own `git cat-file --batch`
 * and scans them (see serve-batches.ts). A git failure is answered as `gitError`, so the main thread
 * fails the scan with exit 2 rather than a worker crash.
 */
import { CatFileBatch } from '@leakguard/scanner-git';
import { serveBatches } from '../serve-batches.js';
import type { BlobBatch, BlobWorkerInit } from './protocol.js';
import { gitFailure, scanBlobs } from './scan-blobs.js';

let reader: CatFileBatch | undefined;

serveBatches<BlobWorkerInit, BlobBatch>('history/worker.js', async (batch, ctx, init) => {
  reader ??= new CatFileBatch(init.repo, init.maxBytes);
  try {
    return { outcomes: await scanBlobs(batch.oids, batch.paths, reader, ctx) };
  } catch (error) {
    const gitError = gitFailure(error);
    if (gitError === undefined) throw error;
    return { outcomes: [], gitError };
  }
});
