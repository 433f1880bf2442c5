/**
 * A file read by a scanner itself (a Terraform module's sibling files), under discovery's rules: a
 * symbolic link is never followed, only a regular file is read (a FIFO or a device would hang the
 * scan or never end), and nothing over the size limit is read. Opened without following links and
 * non-blocking, then checked on the opened descriptor, so a swap between listing and reading
 * cannot slip another file in.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** `--max-file-size`'s default (10 MB), for callers not told otherwise. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1048576;

/** The file's bytes, or undefined when the rules say not to read it (or it cannot be read). */
export function readRegularFileSync(absolute: string, maxBytes: number = DEFAULT_MAX_FILE_BYTES): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(absolute, FLAGS);
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > maxBytes) return undefined;
    const buffer = Buffer.allocUnsafe(info.size);
    let got = 0;
    while (got < info.size) {
      const n = readSync(fd, buffer, got, info.size - got, got);
      if (n === 0) break; // the file shrank while we read it
      got += n;
    }
    return buffer.subarray(0, got);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
