/**
 * Obvious placeholders are not secrets: `EXAMPLE`, `xxxx`, `<your-key>`, `${VAR}`, `changeme`...
 * Well-known fake keys of test fixtures that look real are still reported: only values that
 * announce themselves as placeholders pass here.
 */
const PLACEHOLDER = [
  /example/i,
  /^x{4,}$/i,
  /^(.)\1{7,}$/, // aaaaaaaa, 00000000
  /x{6,}/i,
  /^<[^>]*>$/,
  /^\$\{[^}]*\}$/,
  /^\$\([^)]*\)$/,
  /^\{\{[^}]*\}\}$/,
  /^%[A-Za-z_]+%$/,
  /^\$[A-Z_][A-Z0-9_]*$/,
  /your[-_ ]?(api[-_ ]?)?(key|token|secret|password)/i,
  /^(changeme|change[-_]me|password|passwd|pass|pwd|pw|secret|redacted|dummy|placeholder|todo|tbd|none|null|undefined|test|sample|fake)$/i,
  /^\*+$/,
  /changeme|change_me|replace[-_]?me|placeholder|redacted|insert[-_]?(?:your|key|token|here)|\.\.\.|\u2026/i,
  /^(?:xxx|abc|foo|bar|dummy|fake|test|sample|my)[-_]?(?:key|token|secret|password|pass|pwd)?[-_]?\d{0,3}$/i,
  /^(.{1,3})\1+$/, // abcabcabc
];

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.some((re) => re.test(value));
}
