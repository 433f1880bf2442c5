/** Reads (through the calling thread's own `git cat-file --batch`) and scans a batch of blobs, in a worker or in the main thread: the same code either way. */
import { GitError, type CatFileBatch, type GitObject } from '@leakguard/scanner-git';
import { keyStoreFindings } from '../key-store-files.js';
import { looksBinary } from '../read-input.js';
import { scanFileBytes, type FileScanContext } from '../scan-file.js';
import type { BlobOutcome } from './protocol.js';

/**
 * Blob reads are asked for in groups of this many: git inflates the next blobs while this thread
 * scans, and at most two groups of blobs (each at most --max-file-size) are held at once.
 */
const READ_AHEAD = 8;

export async function scanBlobs(oids: string[], paths: string[], reader: CatFileBatch, ctx: FileScanContext): Promise<BlobOutcome[]> {
  const outcomes: BlobOutcome[] = [];
  // Reads are asked for READ_AHEAD at a time (one write to git each time), the next group as soon
  // as the scan reaches the current one, so git inflates blobs while this thread scans.
  const reads: Promise<GitObject>[] = [];
  let asked = 0;
  const ask = () => {
    const group = oids.slice(asked, asked + READ_AHEAD);
    reader.readMany(group).forEach((read, k) => {
      read.catch(() => undefined); // awaited in turn below; a failure is thrown there
      reads[asked + k] = read;
    });
    asked += group.length;
  };
  ask();
  for (let i = 0; i < oids.length; i++) {
    if (i === asked - READ_AHEAD && asked < oids.length) ask();
    const object = await reads[i]!;
    delete reads[i]; // let the bytes go as soon as they are scanned
    if (object.skipped) {
      outcomes.push({ size: object.size, large: true, binary: false, findings: [], notifications: [] });
      continue;
    }
    const data = object.data;
    if (looksBinary(data)) {
      outcomes.push({ size: data.length, binary: true, findings: keyStoreFindings(paths[i]!, data, data.length, ctx), notifications: [] });
      continue;
    }
    const result = await scanFileBytes(paths[i]!, data, ctx);
    outcomes.push({ size: data.length, binary: false, findings: result.findings, notifications: result.notifications });
  }
  return outcomes;
}

/** A git failure while reading blobs, as a message that can cross threads (undefined: not git's). */
export function gitFailure(error: unknown): string | undefined {
  return error instanceof GitError ? error.message : undefined;
}
