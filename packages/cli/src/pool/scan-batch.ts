/** Reads and scans one batch of files, in a worker or in the main thread: the same code either way. */
import { readInput } from '../read-input.js';
import { scanFileText, type FileScanContext } from '../scan-file.js';
import type { BatchFile, BatchResult } from './protocol.js';

export async function scanBatch(files: BatchFile[], ctx: FileScanContext, maxBytes: number): Promise<BatchResult> {
  const result: BatchResult = { findings: [], notifications: [], filesScanned: 0, bytesScanned: 0, filesSkipped: 0 };
  for (const file of files) {
    const read = await readInput(file.absolute, file.path, maxBytes);
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
