/**
 * Names from the file system and from git are bytes and need not be UTF-8. Decoded naively, each
 * invalid byte becomes U+FFFD and two different names can look the same; shown with `shownName`,
 * each invalid byte is written `\xNN` and valid text stays as it is.
 */

/** Valid UTF-8 sequences decoded, every other byte as `\xNN` (a backslash stays a backslash). */
export function shownName(raw: Uint8Array): string {
  const plain = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  if (!plain.includes('\uFFFD')) return plain; // the common case: nothing was invalid
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
