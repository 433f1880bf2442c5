/** Reads and scans one batch of files, in a worker or in the main thread: the same code either way. */
import { readInput, type ReadResult } from '../read-input.js';
import { scanFileText, type FileScanContext } from '../scan-file.js';
import type { BatchFile, BatchResult } from './protocol.js';

/** Files read ahead while one is scanned, so the thread does not sit idle waiting for the disk. */
const READ_AHEAD = 4;

export async function scanBatch(files: BatchFile[], ctx: FileScanContext, maxBytes: number): Promise<BatchResult> {
  const result: BatchResult = { findings: [], notifications: [], filesScanned: 0, bytesScanned: 0, filesSkipped: 0 };
  const reads: Promise<ReadResult>[] = [];
  const readAt = (i: number) => {
    if (i < files.length && reads[i] === undefined) reads[i] = readInput(files[i]!.absolute, files[i]!.path, maxBytes);
  };
  for (let i = 0; i < Math.min(READ_AHEAD, files.length); i++) readAt(i);
  for (let i = 0; i < files.length; i++) {
    readAt(i + READ_AHEAD);
    const file = files[i]!;
    const read = await reads[i]!;
    delete reads[i]; // let the text go as soon as it is scanned
    if ('skipped' in read) {
      result.filesSkipped++;
      result.notifications.push(read.skipped);
      continue;
    }
    const scanned = await scanFileText(file.path, read.text, ctx, file.absolute);
    for (const f of scanned.findings) result.findings.push(f);
    for (const n of scanned.notifications) result.notifications.push(n);
    result.filesScanned++;
    result.bytesScanned += read.bytes;
  }
  return result;
}
