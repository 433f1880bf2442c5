/** Scans a batch of blobs, in a worker or in the main thread: the same code either way. */
import { looksBinary } from '../read-input.js';
import { scanFileBytes, type FileScanContext } from '../scan-file.js';
import type { BlobOutcome } from './protocol.js';

export async function scanBlobs(paths: string[], ends: number[], bytes: Uint8Array, ctx: FileScanContext): Promise<BlobOutcome[]> {
  const outcomes: BlobOutcome[] = [];
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let start = 0;
  for (let i = 0; i < paths.length; i++) {
    const end = ends[i]!;
    const data = buffer.subarray(start, end);
    start = end;
    if (looksBinary(data)) {
      outcomes.push({ binary: true, findings: [], notifications: [] });
      continue;
    }
    const result = await scanFileBytes(paths[i]!, data, ctx);
    outcomes.push({ binary: false, findings: result.findings, notifications: result.notifications });
  }
  return outcomes;
}
