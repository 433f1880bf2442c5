/**
 * A fixed prefix matched inside a file name: `favicon.ico-3f9c...e1.png` holds `ico-` and 32
 * characters, the shape of an Infracost key, because a build tool put a content hash after the
 * icon's extension. A credential does not continue a file name's extension (`<name>.ico-...`) nor
 * end in a web asset's extension (`....png`); a match that does is part of a path, not a secret.
 */

const isAlnum = (b: number | undefined): boolean => b !== undefined && ((b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122));

/** Extensions of files a page or bundle links to. */
const EXTENSIONS = 'png|jpe?g|gif|svg|ico|webp|avif|css|js|mjs|map|woff2?|ttf|eot|html?';
/** After the match: `.png"`, `.js?v=2`. */
const EXTENSION_AFTER = new RegExp(`^\\.(?:${EXTENSIONS})(?![A-Za-z0-9])`, 'i');
/** The match opens with one, then a separator: `ico-...`. */
const EXTENSION_FIRST = new RegExp(`^(?:${EXTENSIONS})[-_]`, 'i');

/** True when the match at [start, end) of `bytes` sits inside a file name (see above). */
export function insideFileName(bytes: Buffer, start: number, end: number): boolean {
  // `<name>.<extension>-...`: the match continues a file name (favicon.ico-...), not a property
  // access (`secrets.pypi-...` is a workflow expression around a token).
  if (start >= 2 && bytes[start - 1] === 0x2e && isAlnum(bytes[start - 2]) && EXTENSION_FIRST.test(bytes.toString('latin1', start, Math.min(bytes.length, start + 8)))) return true;
  return bytes[end] === 0x2e && EXTENSION_AFTER.test(bytes.toString('latin1', end, Math.min(bytes.length, end + 8)));
}
