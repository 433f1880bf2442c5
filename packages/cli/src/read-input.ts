/** Reads one file for scanning: binary and oversize files are skipped with a note, errors reported. */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Notification } from '@leakguard/core';

/**
 * The file's bytes (UTF-8, decoded only when needed), or why it was skipped; a binary file keeps
 * its first bytes (`head`), from which a committed key store is recognised (key-store-files.ts).
 */
export type ReadResult = { data: Buffer } | { skipped: Notification; head?: Buffer; size?: number };

/** How many first bytes of a binary file are kept. */
export const HEAD_BYTES = 16;

export const SNIFF_BYTES = 8000;

export const BINARY = (path: string, bytes: Uint8Array, size: number): ReadResult => ({
  skipped: { kind: 'skipped-binary', level: 'note', message: 'skipped: binary file', path },
  head: Buffer.from(bytes.subarray(0, HEAD_BYTES)), // a copy: the bytes may be a reused scratch buffer
  size,
});

/**
 * How every scanned file is opened: never through a symbolic link (one swapped in after discovery's
 * lstat fails with ELOOP instead of reading the file it points at), and non-blocking so a FIFO
 * swapped in cannot hang the open; the opened descriptor is then checked to be a regular file.
 */
export const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** The message for an open that failed; ELOOP is the O_NOFOLLOW refusal. */
export function readErrorMessage(code: string | undefined, error: unknown): string {
  if (code === 'ELOOP') return 'cannot read file: it became a symbolic link (not followed)';
  return `cannot read file: ${code ?? String(error)}`;
}

/** Git's own heuristic: a NUL byte in the first 8000 bytes means binary. */
export function looksBinary(buffer: Uint8Array): boolean {
  const end = Math.min(buffer.length, SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (buffer[i] === 0) return true;
  return false;
}

export async function readInput(absolute: string | Buffer, path: string, maxBytes: number): Promise<ReadResult> {
  let handle;
  try {
    handle = await open(absolute, READ_FLAGS);
    const info = await handle.stat();
    if (!info.isFile()) return { skipped: { kind: 'read-error', level: 'error', message: 'cannot read file: not a regular file', path } };
    const size = info.size;
    if (size > maxBytes) {
      return { skipped: { kind: 'skipped-large', level: 'note', message: `skipped: ${(size / 1048576).toFixed(1)} MB is over --max-file-size`, path } };
    }
    // Sniff before reading the rest: a real tree holds many images and archives, and reading each
    // whole only to find a NUL byte in its first 8000 bytes was a fifth of a scan's time.
    const head = Buffer.allocUnsafe(Math.min(size, SNIFF_BYTES));
    let got = 0;
    while (got < head.length) {
      const { bytesRead } = await handle.read(head, got, head.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    if (looksBinary(head.subarray(0, got))) return BINARY(path, head.subarray(0, got), size);
    const buffer = await handle.readFile(); // from offset 0: the reads above gave positions
    if (looksBinary(buffer)) return BINARY(path, buffer, buffer.length); // it changed since the sniff
    return { data: buffer };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { skipped: { kind: 'read-error', level: 'error', message: readErrorMessage(code, error), path } };
  } finally {
    await handle?.close();
  }
}
