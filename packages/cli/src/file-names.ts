/**
 * File names are bytes on POSIX and need not be UTF-8. A name decoded to a string loses invalid
 * bytes (each becomes U+FFFD), and opening the decoded name opens nothing: the file would never be
 * scanned. Discovery reads names as bytes; a name that is not valid UTF-8 keeps its bytes for
 * opening and is shown with each invalid byte escaped as `\xNN`.
 */
import { sep } from 'node:path';

/** Valid UTF-8 sequences decoded, every other byte as `\xNN` (a backslash stays a backslash). */
export function shownName(raw: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const n = sequenceLength(raw, i);
    if (n === 0) {
      out += `\\x${raw[i]!.toString(16).padStart(2, '0')}`;
      i++;
    } else {
      out += Buffer.from(raw.subarray(i, i + n)).toString('utf8');
      i += n;
    }
  }
  return out;
}

/** True when `raw` is valid UTF-8 (its decoded string opens the same file). */
export function isUtf8Name(raw: Uint8Array): boolean {
  for (let i = 0; i < raw.length; ) {
    const n = sequenceLength(raw, i);
    if (n === 0) return false;
    i += n;
  }
  return true;
}

/** Length of the valid UTF-8 sequence at `i`, or 0 (overlongs, surrogates and > U+10FFFF are invalid). */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number) => i + k < b.length && (b[i + k]! & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const d = b[i + 1] ?? 0;
    if ((c === 0xe0 && d < 0xa0) || (c === 0xed && d > 0x9f)) return 0;
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const d = b[i + 1] ?? 0;
    if ((c === 0xf0 && d < 0x90) || (c === 0xf4 && d > 0x8f)) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** The path to open for `name` (raw bytes) inside `parent`: a string while every name is UTF-8, else bytes. */
export function childPath(parent: string | Buffer, name: Buffer): string | Buffer {
  if (typeof parent === 'string' && isUtf8Name(name)) return parent.endsWith(sep) ? parent + name.toString('utf8') : `${parent}${sep}${name.toString('utf8')}`;
  const head = typeof parent === 'string' ? Buffer.from(parent, 'utf8') : parent;
  return Buffer.concat([head, head[head.length - 1] === sep.charCodeAt(0) ? Buffer.alloc(0) : Buffer.from(sep), name]);
}

/** A path as fs accepts it: bytes cross to worker threads as a Uint8Array. */
export function fsPath(path: string | Uint8Array): string | Buffer {
  return typeof path === 'string' || Buffer.isBuffer(path) ? path : Buffer.from(path.buffer, path.byteOffset, path.byteLength);
}
