/**
 * Both readers (async in the main thread, sync in workers) give the same answer as git's heuristic
 * on the whole file: binary when a NUL byte is in the first 8000 bytes, whatever comes after. They
 * read the first 8000 bytes before the rest, so this table pins the boundary.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputSync } from '../src/pool/read-sync.js';
import { startsLikePkcs12 } from '../src/key-store-files.js';
import { looksBinary, readInput } from '../src/read-input.js';

const text = (n: number) => Buffer.alloc(n, 0x61);
const withNul = (n: number, at: number) => {
  const b = text(n);
  b[at] = 0;
  return b;
};

const CASES: [string, Buffer, 'text' | 'binary'][] = [
  ['an empty file', Buffer.alloc(0), 'text'],
  ['a short text file', Buffer.from('const a = 1;\n'), 'text'],
  ['a NUL as the first byte', withNul(100, 0), 'binary'],
  ['a NUL at byte 7999 (the last one sniffed)', withNul(20_000, 7999), 'binary'],
  ['a NUL at byte 8000 (past the sniff)', withNul(20_000, 8000), 'text'],
  ['exactly 8000 bytes of text', text(8000), 'text'],
  ['8000 bytes ending in NUL', withNul(8000, 7999), 'binary'],
  ['3 MB of text', text(3 << 20), 'text'],
  ['3 MB that start with a PNG header', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), text(3 << 20)]), 'binary'],
];

describe('reading a file: binary by its first 8000 bytes, in both readers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leakguard-read-'));
  it.each(CASES)('%s', async (name, content, want) => {
    const file = join(dir, name.replace(/\W+/g, '-'));
    writeFileSync(file, content);
    expect(looksBinary(content) ? 'binary' : 'text', 'the table agrees with looksBinary').toBe(want);
    for (const read of [await readInput(file, 'f', 10 << 20), readInputSync(file, 'f', 10 << 20)]) {
      if (want === 'binary') expect(read).toEqual({ skipped: expect.objectContaining({ kind: 'skipped-binary' }), head: content.subarray(0, 16), size: content.length });
      else expect('data' in read && Buffer.compare(read.data, content)).toBe(0);
    }
  });
});

describe('a binary file keeps its first bytes, and a PKCS#12 store is recognised from them', () => {
  it.each([
    ['DER, two-byte length', [0x30, 0x82, 0x0a, 0x1f, 0x02, 0x01, 0x03, 0x30], true],
    ['DER, short length', [0x30, 0x7f, 0x02, 0x01, 0x03], true],
    ['BER, indefinite length', [0x30, 0x80, 0x02, 0x01, 0x03, 0x30], true],
    ['a SEQUENCE with version 1 (not PKCS#12)', [0x30, 0x82, 0x0a, 0x1f, 0x02, 0x01, 0x01], false],
    ['a length of more than four bytes', [0x30, 0x85, 0, 0, 0, 0, 0, 0x02, 0x01, 0x03], false],
    ['random bytes', [0x00, 0x13, 0x37, 0x42, 0x99, 0x01], false],
    ['too short', [0x30, 0x03], false],
  ])('%s', (_what, bytes, expected) => {
    expect(startsLikePkcs12(Uint8Array.from(bytes))).toBe(expected);
  });

  it('a definite length must fit in the file: a truncated store is not one', () => {
    const head = Uint8Array.from([0x30, 0x82, 0x09, 0x7a, 0x02, 0x01, 0x03, 0x30]); // 0x097a = 2426 bytes of content
    expect(startsLikePkcs12(head, 4 + 2426)).toBe(true);
    expect(startsLikePkcs12(head, 200)).toBe(false);
    expect(startsLikePkcs12(Uint8Array.from([0x30, 0x80, 0x02, 0x01, 0x03]), 200)).toBe(true); // indefinite: no length to check
  });

  it('readInput and readInputSync return the first bytes of a binary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leakguard-head-'));
    const file = join(dir, 'store.p12');
    writeFileSync(file, Buffer.concat([Buffer.from([0x30, 0x82, 0x0a, 0x1f, 0x02, 0x01, 0x03, 0x00]), Buffer.alloc(64, 7)]));
    for (const read of [await readInput(file, 'store.p12', 1 << 20), readInputSync(file, 'store.p12', 1 << 20)]) {
      expect('skipped' in read && read.head ? [...read.head] : undefined).toEqual([0x30, 0x82, 0x0a, 0x1f, 0x02, 0x01, 0x03, 0x00, 7, 7, 7, 7, 7, 7, 7, 7]);
    }
  });
});
