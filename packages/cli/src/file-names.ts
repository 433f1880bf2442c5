/**
 * File names are bytes on POSIX and need not be UTF-8. A name decoded to a string loses invalid
 * bytes (each becomes U+FFFD), and opening the decoded name opens nothing: the file would never be
 * scanned. Discovery reads names as bytes; a name that is not valid UTF-8 keeps its bytes for
 * opening and is shown with each invalid byte escaped as `\xNN`.
 */
import { sep } from 'node:path';
import { isUtf8Name } from '@leakguard/core';

export { shownName } from '@leakguard/core';

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
