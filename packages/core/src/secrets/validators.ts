/** Offline checks of a token's own checksum, named in the catalog's `validate` field. */
export type Validator = (secret: string) => boolean;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = (CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(value: number, width: number): string {
  let out = '';
  let v = value;
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

/**
 * GitHub's `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_` and npm's `npm_` tokens: 30 random base62 characters
 * followed by the base62 CRC32 of those characters in 6 characters.
 */
export const crc32Base62Token: Validator = (secret) => {
  const body = secret.replace(/^[a-z]+_/, '');
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
};

export const VALIDATORS: Record<string, Validator> = {
  'crc32-base62': crc32Base62Token,
};
