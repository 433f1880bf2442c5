/** Reads one file for scanning: binary and oversize files are skipped with a note, errors reported. */
import { open } from 'node:fs/promises';
import type { Notification } from '@leakguard/core';

/** The file's bytes (UTF-8, decoded only when needed), or why it was skipped. */
export type ReadResult = { data: Buffer } | { skipped: Notification };

const SNIFF_BYTES = 8000;

/** Git's own heuristic: a NUL byte in the first 8000 bytes means binary. */
export function looksBinary(buffer: Uint8Array): boolean {
  const end = Math.min(buffer.length, SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (buffer[i] === 0) return true;
  return false;
}

export async function readInput(absolute: string, path: string, maxBytes: number): Promise<ReadResult> {
  let handle;
  try {
    handle = await open(absolute, 'r');
    const info = await handle.stat();
    if (!info.isFile()) return { skipped: { kind: 'read-error', level: 'error', message: 'cannot read file: not a regular file', path } };
    const size = info.size;
    if (size > maxBytes) {
      return { skipped: { kind: 'skipped-large', level: 'note', message: `skipped: ${(size / 1048576).toFixed(1)} MB is over --max-file-size`, path } };
    }
    const buffer = await handle.readFile();
    if (looksBinary(buffer)) return { skipped: { kind: 'skipped-binary', level: 'note', message: 'skipped: binary file', path } };
    return { data: buffer };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { skipped: { kind: 'read-error', level: 'error', message: `cannot read file: ${code ?? String(error)}`, path } };
  } finally {
    await handle?.close();
  }
}
