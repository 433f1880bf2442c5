/**
 * Redaction: every path out of the engine goes through here. A preview keeps at most a short,
 * non-secret prefix (such as `AKIA` or `ghp_`) and never the length of short values.
 */

const MASK = '*****';

/** A preview of a secret that is safe to print. */
export function redactSecret(secret: string): string {
  if (secret.length >= 24) return secret.slice(0, 4) + MASK;
  return MASK;
}

/** Replaces every occurrence of each secret in `text` by its preview. */
export function redactText(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    out = out.split(secret).join(redactSecret(secret));
  }
  return out;
}

/** A one-line snippet, trimmed to a readable width, with the given column range masked. */
export function redactedSnippet(line: string, startColumn: number, endColumn: number, maxWidth = 200): string {
  const start = Math.max(0, startColumn - 1);
  const end = Math.max(start, Math.min(line.length, endColumn - 1));
  const masked = line.slice(0, start) + redactSecret(line.slice(start, end)) + line.slice(end);
  const trimmed = masked.trim();
  return trimmed.length > maxWidth ? trimmed.slice(0, maxWidth - 1) + '…' : trimmed;
}
