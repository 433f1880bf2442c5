/**
 * Text output prints names that strangers chose (file names, YAML keys, git author names). A
 * newline in one would forge a report line, a terminal escape sequence could hide or recolour the
 * findings, and a bidirectional override could reorder what is shown. Each such character is
 * written as a visible escape instead: `\n`, `\t`, `\r`, `\xNN` for the other C0/C1 controls and DEL,
 * `\u{NNNN}` for the bidi controls; a backslash stays a backslash (escapes are for display only).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
