/**
 * String rules of HCL shared by both readers (hcl.ts converts tree-sitter's tree, fast-hcl.ts reads
 * the text directly): the two must build the same values, so they use the same functions here.
 * The values are what Terraform produces: the text between the quotes with its spaces, escapes
 * decoded; heredocs as written, `<<-` ones without their common leading whitespace.
 */
import type { HExpr } from './model.js';

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * A quoted string's literal segment, decoded in one pass (so a decoded `\u0024` never forms a `$${`
 * escape afterwards): `\n \r \t \" \\ \uNNNN \UNNNNNNNN`, and `$${` / `%%{` for a literal `${` / `%{`.
 */
export function unescapeQuoted(raw: string): string {
  if (!/[\\$%]/.test(raw)) return raw;
  return raw.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})|\\(.)|\$\$\{|%%\{/g, (m, u4: string | undefined, u8: string | undefined, c: string | undefined) =>
    u4 ? String.fromCharCode(parseInt(u4, 16)) : u8 ? String.fromCodePoint(parseInt(u8, 16)) : c !== undefined ? (ESCAPES[c] ?? c) : m === '$${' ? '${' : '%{');
}

/** A heredoc's literal segment: backslashes are literal there, only `$${` / `%%{` are escapes. */
export function unescapeHeredoc(raw: string): string {
  if (!raw.includes('$${') && !raw.includes('%%{')) return raw;
  return raw.replace(/\$\$\{|%%\{/g, (m) => (m === '$${' ? '${' : '%{'));
}

/**
 * True when `gap` (the text between an attribute's name and its value) holds a line break outside
 * `/* *\/` comments. HCL ends an attribute at a line break (a `#` or `//` comment ends with one),
 * so `a = # c` followed by a value on the next line is a syntax error, never that value.
 */
export function gapBreaksLine(gap: string): boolean {
  if (!gap.includes('\n')) return false;
  return gap.replace(/\/\*[\s\S]*?\*\//g, ' ').includes('\n');
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\v' || c === '\f';

/**
 * `<<-` heredocs (HCL's flush heredoc): removes from every line the number of leading white space
 * characters the least indented line has. Lines that hold only white space do not count and are
 * kept; a line starting with an interpolation counts as 0. `parts`: raw literal segments (as
 * written) and interpolations, in order; the result keeps the same order.
 */
export function flushHeredoc(parts: (string | HExpr)[]): (string | HExpr)[] {
  let min = Infinity;
  // Pass 1: the smallest indentation of the lines that hold something.
  let lineStart = true;
  for (const p of parts) {
    if (typeof p !== 'string') {
      if (lineStart) min = 0;
      lineStart = false;
      continue;
    }
    let i = 0;
    while (i < p.length) {
      if (lineStart) {
        let j = i;
        while (j < p.length && p[j] !== '\n' && isSpace(p[j]!)) j++;
        const blank = p[j] === '\n';
        if (!blank) min = Math.min(min, j - i);
      }
      const nl = p.indexOf('\n', i);
      if (nl === -1) {
        lineStart = false;
        break;
      }
      i = nl + 1;
      lineStart = true;
    }
  }
  if (min === Infinity || min === 0) return parts;
  // Pass 2: remove it from those lines.
  const out: (string | HExpr)[] = [];
  lineStart = true;
  for (const p of parts) {
    if (typeof p !== 'string') {
      out.push(p);
      lineStart = false;
      continue;
    }
    let s = '';
    let i = 0;
    while (i < p.length) {
      if (lineStart) {
        let j = i;
        while (j < p.length && p[j] !== '\n' && isSpace(p[j]!)) j++;
        if (p[j] !== '\n') i += Math.min(min, j - i);
      }
      const nl = p.indexOf('\n', i);
      if (nl === -1) {
        s += p.slice(i);
        lineStart = false;
        break;
      }
      s += p.slice(i, nl + 1);
      i = nl + 1;
      lineStart = true;
    }
    out.push(s);
  }
  return out;
}
