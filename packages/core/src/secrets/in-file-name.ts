/**
 * A fixed prefix matched inside a file name: `favicon.ico-3f9c...e1.png` holds `ico-` and 32
 * characters, the shape of an Infracost key, because a build tool put a content hash after the
 * icon's extension. A credential does not continue a file name's extension (`<name>.ico-...`) nor
 * end in a web asset's extension (`....png`); a match that does is part of a path, not a secret.
 */

const isAlnum = (b: number | undefined): boolean => b !== undefined && ((b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122));

/** Extensions of files a page or bundle links to, after the match: `.png"`, `.js?v=2`. */
const ASSET_EXTENSION = /^\.(?:png|jpe?g|gif|svg|ico|webp|avif|css|js|mjs|map|woff2?|ttf|eot|html?)(?![A-Za-z0-9])/i;

/** True when the match at [start, end) of `bytes` sits inside a file name (see above). */
export function insideFileName(bytes: Buffer, start: number, end: number): boolean {
  // `<name>.<match>`: the match continues an extension (favicon.ico-...).
  if (start >= 2 && bytes[start - 1] === 0x2e && isAlnum(bytes[start - 2])) return true;
  return bytes[end] === 0x2e && ASSET_EXTENSION.test(bytes.toString('latin1', end, Math.min(bytes.length, end + 8)));
}
