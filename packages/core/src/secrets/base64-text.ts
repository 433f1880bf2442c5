/**
 * Text written base64-encoded in a template or manifest (EC2 `UserData`, a Kubernetes Secret's
 * `data:`), decoded so the secret catalog and the judges can read it. Strict on purpose: a value
 * that is not canonical base64 of readable text is left alone (an ordinary word or a script is
 * never "decoded" into noise), and the size is bounded before anything is decoded.
 */

/** Encoded characters decoded at most (EC2 user data is at most 16 KB; a Kubernetes Secret 1 MiB). */
export const MAX_BASE64_CHARS = 1_048_576;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The text `value` encodes, or undefined when it is not base64 of UTF-8 text. Line breaks (a
 * folded or wrapped value) are allowed between characters; spaces are not (a sentence is not base64).
 */
export function decodeBase64Text(value: string, maxChars = MAX_BASE64_CHARS): string | undefined {
  if (value.length > maxChars + Math.ceil(maxChars / 60) + 2) return undefined;
  const compact = value.trim().replace(/\r?\n/g, '');
  if (compact.length < 4 || compact.length > maxChars || !BASE64.test(compact)) return undefined;
  const bytes = Buffer.from(compact, 'base64');
  // Canonical only: unused bits set to zero, so re-encoding gives back what was written.
  if (bytes.toString('base64') !== compact) return undefined;
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD')) return undefined;
  // Readable text: no control characters but tab, line breaks and form feed.
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x08\x0b\x0e-\x1f\x7f]/.test(text)) return undefined;
  return text;
}
