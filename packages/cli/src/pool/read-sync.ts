/**
 * `readInput` for worker threads, synchronously: in a worker a blocking read stalls only that
 * worker, and it avoids four promise round trips through libuv's small shared thread pool per
 * file (open, stat, read, close), which the workers otherwise queue behind each other on.
 * Same results and notes as `readInput`. Opened non-blocking so a FIFO cannot hang the worker.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { BINARY, looksBinary, READ_FLAGS, readErrorMessage, SNIFF_BYTES, type ReadResult } from '../read-input.js';

let scratch = Buffer.allocUnsafe(1 << 20);

export function readInputSync(absolute: string | Buffer, path: string, maxBytes: number): ReadResult {
  let fd: number | undefined;
  try {
    fd = openSync(absolute, READ_FLAGS);
    const info = fstatSync(fd);
    if (!info.isFile()) return { skipped: { kind: 'read-error', level: 'error', message: 'cannot read file: not a regular file', path } };
    const size = info.size;
    if (size > maxBytes) {
      return { skipped: { kind: 'skipped-large', level: 'note', message: `skipped: ${(size / 1048576).toFixed(1)} MB is over --max-file-size`, path } };
    }
    // One scratch buffer per thread, grown as needed: the file is scanned before the next read, so it
    // can be reused, and large files do not each cost a fresh allocation (and its page faults).
    if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
    const buffer = scratch;
    // The first SNIFF_BYTES are read and sniffed before the rest, so a binary file costs one small
    // read, not a whole one (same answer: git's heuristic looks at those bytes only).
    const sniff = Math.min(size, SNIFF_BYTES);
    let got = 0;
    let sniffed = false;
    while (got < size) {
      const n = readSync(fd, buffer, got, (sniffed ? size : sniff) - got, got);
      if (n === 0) break; // the file shrank while we read it
      got += n;
      if (!sniffed && got >= sniff) {
        if (looksBinary(buffer.subarray(0, got))) return BINARY(path, buffer.subarray(0, got), size);
        sniffed = true;
      }
    }
    const data = buffer.subarray(0, got);
    if (!sniffed && looksBinary(data)) return BINARY(path, data, data.length);
    return { data };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { skipped: { kind: 'read-error', level: 'error', message: readErrorMessage(code, error), path } };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
