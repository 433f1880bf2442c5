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

const TOKEN = /[A-Za-z0-9+/=_\-.~]{20,}/g;

/**
 * Defence in depth for snippets: besides the secrets a rule found, mask every other long token
 * that looks random (a secret no rule knows yet must not ride along in the line's context).
 */
export function maskRandomTokens(line: string, minEntropy = 3.5): string {
  return line.replace(TOKEN, (token) => (looksRandom(token, minEntropy) ? redactSecret(token) : token));
}

// One way to read each letter (a maximal lower-case run; capitals up to the one that opens the next
// word), so a long token cannot make this backtrack.
const WORDY = /^(?:[a-z]+|[A-Z]+|(?:[A-Z]?[a-z]{2,}(?![a-z])|[A-Z]+(?=[A-Z][a-z]|$))+)$/;

function looksRandom(token: string, minEntropy: number): boolean {
  // Words, dotted names, kebab-case and camel-case identifiers; letters in random case
  // (`Pw-vriADVFxPhgwBZHzbu`, a generated password without digits) are no word and stay masked.
  if (/^[a-z]+([._-][a-z]+)*$/i.test(token) && token.split(/[._-]/).every((part) => WORDY.test(part))) return false;
  if (/^[\w.-]+\/[\w./-]+$/.test(token) && !/[0-9]/.test(token)) return false; // paths
  const counts = new Map<string, number>();
  for (const ch of token) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const c of counts.values()) bits -= (c / token.length) * Math.log2(c / token.length);
  return bits >= minEntropy;
}

/** A one-line snippet, trimmed to a readable width, with the given column range masked. */
export function redactedSnippet(line: string, startColumn: number, endColumn: number, maxWidth = 200): string {
  const start = Math.max(0, startColumn - 1);
  const end = Math.max(start, Math.min(line.length, endColumn - 1));
  const masked = line.slice(0, start) + redactSecret(line.slice(start, end)) + line.slice(end);
  const trimmed = masked.trim();
  return trimmed.length > maxWidth ? trimmed.slice(0, maxWidth - 1) + '…' : trimmed;
}

/**
 * A parser's error message without the source text it may quote (yaml says
 * `Unexpected scalar token in YAML stream: "<the scalar>"`): the scalar could be a secret, and
 * notifications and configuration errors are printed as they are.
 */
export function safeParserMessage(message: string, fallback = 'syntax error'): string {
  const line = message.split('\n')[0] ?? fallback;
  return line.replace(/:\s*(["'`]).*$/, '').replace(/\s+at line \d+, column \d+.*$/, '').trim() || fallback;
}

/**
 * A `yaml` error in words taken from its code only (`BAD_INDENT` -> "bad indent"): its message
 * may quote source text in forms no pattern catches (an alias or tag name, a repeated key), and
 * the position, given separately, says where to look.
 */
export function yamlErrorWords(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code)) return code.toLowerCase().replace(/_/g, ' ');
  // Errors yaml throws while building values carry no code: named by how they start.
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('Excessive alias count')) return 'too many aliases (alias bomb?)';
  if (message.startsWith('Unresolved alias')) return 'an alias without its anchor';
  return 'syntax error';
}
