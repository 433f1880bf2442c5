/**
 * Gates: a few byte comparisons at a keyword hit that decide whether the rule's pattern needs to
 * run there at all. The broad rules' keywords (`token`, `secret`, `password`, `://`) occur every
 * few hundred bytes of ordinary code; nearly every hit is `token.length` or `https://host/path`,
 * which a gate turns away before a window is built or RE2 is called (on the benchmark corpus,
 * 98.6% of 1.47 million hits).
 *
 * A gate is a necessary condition of its rule's pattern, never a filter of its own: wherever the
 * pattern can match through a keyword, the gate at that keyword says yes. It may say yes more often
 * (it ignores the pattern's length limits, and treats any non-ASCII byte as possibly a space).
 * Tests compare gated and ungated scans.
 *
 * Every gate sees the UTF-8 bytes, the offset just past the keyword, where the keyword's line starts,
 * and where the rule's window ends (at the latest, the line's end): the pattern sees no further.
 */
export type Gate = (bytes: Uint8Array, keywordEnd: number, lineStart: number, windowEnd: number) => boolean;

const SPACE = 32;
const TAB = 9;

/** ASCII white space: space, tab, line feed, vertical tab, form feed, carriage return. */
function isAsciiSpace(b: number): boolean {
  return b === SPACE || (b >= 9 && b <= 13);
}

/** `\s` of either regex engine, for bytes: ASCII white space, or any byte of a non-ASCII character. */
function isSpace(b: number): boolean {
  return isAsciiSpace(b) || b >= 0x80;
}

/** `[A-Za-z0-9_]` */
function isWord(b: number): boolean {
  return (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b === 95;
}

function isQuote(b: number): boolean {
  return b === 0x22 || b === 0x27 || b === 0x60;
}

/** Whether `word` (lower-case ASCII) is at `i`, ignoring ASCII case. */
function startsWithWord(bytes: Uint8Array, i: number, end: number, word: string): boolean {
  if (i + word.length > end) return false;
  for (let k = 0; k < word.length; k++) {
    const b = bytes[i + k]!;
    if ((b >= 65 && b <= 90 ? b + 32 : b) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * A name assigned a quoted value, as the broad rules' patterns spell it after their keyword:
 * `[\w.-]*\\?["']?\s*(?:::=|:=|=>|===?|!==?|=|:|\?\?=|\?=|\|\|=)\s*(?:new\s+String\()?\\?["'\x60]`
 * (a backslash before a quote: JSON inside a string literal; `==`, `!=`: a comparison with a literal).
 */
const assignment: Gate = (bytes, at, _lineStart, end) => {
  let i = at;
  while (i < end && (isWord(bytes[i]!) || bytes[i] === 0x2e || bytes[i] === 0x2d)) i++;
  if (i < end && bytes[i] === 0x5c /* \ */) i++;
  if (i < end && (bytes[i] === 0x22 || bytes[i] === 0x27)) i++;
  while (i < end && isSpace(bytes[i]!)) i++;
  if (i >= end) return false;
  const op = bytes[i]!;
  if (op === 0x3a /* : */) i += bytes[i + 1] === 0x3d ? 2 : bytes[i + 1] === 0x3a && bytes[i + 2] === 0x3d ? 3 : 1;
  else if (op === 0x3d /* = */) i += bytes[i + 1] === 0x3e ? 2 : bytes[i + 1] === 0x3d ? (bytes[i + 2] === 0x3d ? 3 : 2) : 1;
  else if (op === 0x21 /* ! */ && bytes[i + 1] === 0x3d) i += bytes[i + 2] === 0x3d ? 3 : 2;
  else if ((op === 0x3f /* ? */ || op === 0x7c) /* | */ && bytes[i + 1] === op && bytes[i + 2] === 0x3d) i += 3;
  else if (op === 0x3f /* ? */ && bytes[i + 1] === 0x3d) i += 2; // GNU make `?=`
  else return false;
  while (i < end && isSpace(bytes[i]!)) i++;
  if (i < end && bytes[i] === 0x5c) i++;
  if (i >= end) return false;
  // `new String("…")` (any case: one rule is case-insensitive) is let through to the pattern.
  return isQuote(bytes[i]!) || startsWithWord(bytes, i, end, 'new');
};

/**
 * `generic-credential`'s keywords (`key`, `access`, `auth`, `pass`, `credential`) begin many words
 * of code (`keyword`, `accessible`, `author`, `passenger`); its name check wants the credential
 * word last, with at most a short qualifier after it (`SECRET_KEY_BASE`, `dbPass2`). So: at most one
 * more letter (`keys`, `credentials`), digits, then at most one qualifier after `_`, `.` or `-`, then
 * the assignment gate.
 */
const credentialAssignment: Gate = (bytes, at, lineStart, end) => {
  let i = at;
  let letters = 0;
  while (i < end && isLetter(bytes[i]!) && letters <= 1) i++, letters++;
  if (letters > 1) return false;
  while (i < end && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) i++;
  if (i < end && (bytes[i] === 0x5f || bytes[i] === 0x2e || bytes[i] === 0x2d)) {
    const q = ++i;
    while (i < end && (isWord(bytes[i]!) && bytes[i] !== 0x5f)) i++;
    if (i - q > 12 || (i < end && isNameByte(bytes[i]!))) return false;
  }
  return assignment(bytes, i, lineStart, end);
};

function isLetter(b: number): boolean {
  return (b >= 97 && b <= 122) || (b >= 65 && b <= 90);
}

/** `[\w.-]` */
function isNameByte(b: number): boolean {
  return isWord(b) || b === 0x2e || b === 0x2d;
}

/**
 * The start of a configuration line up to the keyword, as `generic-env-assignment` and
 * `generic-labelled-credential` spell it: blanks, an optional comment or list marker (`#`, `//`,
 * `-`), then at most three words of `[\w.-]` separated by blanks, the last one holding the keyword.
 * Returns where the keyword's word ends, or -1.
 */
function lineName(bytes: Uint8Array, at: number, lineStart: number, end: number): number {
  let i = lineStart;
  while (i < at && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
  if (bytes[i] === 0x23 /* # */ || bytes[i] === 0x2d /* - */) i++;
  else if (bytes[i] === 0x2f && bytes[i + 1] === 0x2f) i += 2;
  while (i < at && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
  let gaps = 0;
  for (; i < at; i++) {
    const b = bytes[i]!;
    if (b === SPACE || b === TAB) {
      if (bytes[i - 1] !== SPACE && bytes[i - 1] !== TAB && ++gaps > 3) return -1; // `export` and three words
    } else if (!isNameByte(b)) return -1;
  }
  while (i < end && isNameByte(bytes[i]!)) i++;
  return i;
}

/** Blanks, then a value of at least 10 bytes (a character is one or more), then blanks to the end or a `#` comment. */
function valueToLineEnd(bytes: Uint8Array, i: number, end: number): boolean {
  const value = i;
  for (; i < end; i++) {
    const b = bytes[i]!;
    if (isAsciiSpace(b) || isQuote(b) || b === 0x23 || b === 0x3b || b === 0x2c) break;
  }
  if (i - value < 10) return false;
  while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
  if (i < end && bytes[i] === 0x23 && i > value && (bytes[i - 1] === SPACE || bytes[i - 1] === TAB)) return true;
  if (i < end && bytes[i] === 13) i++;
  return i === end;
}

/**
 * A `NAME=value` line of an environment, properties, INI or make file, as `generic-env-assignment`
 * spells it: the line's name (lineName), blanks, `=`, `:` or GNU make's `?=`, `:=`, `::=`, `:::=`,
 * then the value to the end of the line or of the window, which the pattern sees as one.
 */
const lineAssignment: Gate = (bytes, at, lineStart, end) => {
  let i = lineName(bytes, at, lineStart, end);
  if (i < 0) return false;
  while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
  if (i < end && bytes[i] === 0x3f && bytes[i + 1] === 0x3d) i += 2;
  else if (i < end && bytes[i] === 0x3a) {
    let j = i;
    while (j < end && bytes[j] === 0x3a && j - i < 3) j++;
    // `:=` to `:::=` end at the `=`; otherwise one `:` (the pattern reads any other `:` as the value).
    i = j < end && bytes[j] === 0x3d ? j + 1 : i + 1;
  } else if (i < end && bytes[i] === 0x3d) i++;
  else return false;
  while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
  return valueToLineEnd(bytes, i, end);
};

/**
 * A label and a value with no operator between them (`nimble ACCESS 3mL6…`), as
 * `generic-labelled-credential` spells it: the line's name, at least one blank, an optional
 * quote, then a value of 16 bytes or more of token characters that runs to the end of the line.
 */
const lineLabel: Gate = (bytes, at, lineStart, end) => {
  let i = lineName(bytes, at, lineStart, end);
  if (i < 0 || i >= end || (bytes[i] !== SPACE && bytes[i] !== TAB)) return false;
  while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
  if (i < end && (bytes[i] === 0x22 || bytes[i] === 0x27)) i++;
  const value = i;
  while (i < end && !isAsciiSpace(bytes[i]!)) i++;
  if (i - value < 16) return false;
  while (i < end && (bytes[i] === SPACE || bytes[i] === TAB || bytes[i] === 13)) i++;
  return i === end;
};

/** `user:password@` right after `://`: `[^:/?#\s"'@]+:[^@\s"'/]{3,}@`. */
const urlUserinfo: Gate = (bytes, at, _lineStart, end) => {
  let i = at;
  for (; i < end; i++) {
    const b = bytes[i]!;
    if (b === 0x3a || b === 0x2f || b === 0x3f || b === 0x23 || b === 0x22 || b === 0x27 || b === 0x40 || isAsciiSpace(b)) break;
  }
  if (i === at || bytes[i] !== 0x3a) return false;
  const from = ++i;
  for (; i < end; i++) {
    const b = bytes[i]!;
    if (b === 0x40 || b === 0x22 || b === 0x27 || b === 0x2f || isAsciiSpace(b)) break;
  }
  return i - from >= 3 && i < end && bytes[i] === 0x40;
};

/**
 * A Groovy/Gradle property set by a call without parentheses, as `generic-groovy-credential`
 * spells it: only blanks before the name, then blanks and a quote after it (`  password "…"`).
 */
const lineQuotedLabel: Gate = (bytes, at, lineStart, end) => {
  let j = lineStart;
  while (j < at && (bytes[j] === SPACE || bytes[j] === TAB)) j++;
  for (; j < at; j++) if (!isNameByte(bytes[j]!)) return false;
  let i = at;
  while (i < end && isNameByte(bytes[i]!)) i++;
  if (i >= end || (bytes[i] !== SPACE && bytes[i] !== TAB)) return false;
  while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
  return i < end && (bytes[i] === 0x22 || bytes[i] === 0x27);
};

/**
 * A quoted name and a quoted value as two arguments of a call, as `generic-call-argument` spells
 * it around its keyword: `(?:\(|,)\s*["'][\w.-]*<keyword>[\w.-]*["']\s*,\s*["']`.
 */
const callArgument: Gate = (bytes, at, lineStart, end) => {
  let j = at - 1;
  while (j >= lineStart && isNameByte(bytes[j]!)) j--;
  if (j < lineStart || (bytes[j] !== 0x22 && bytes[j] !== 0x27)) return false;
  j--;
  while (j >= lineStart && isSpace(bytes[j]!)) j--;
  if (j < lineStart || (bytes[j] !== 0x28 /* ( */ && bytes[j] !== 0x2c) /* , */) return false;
  let i = at;
  while (i < end && isNameByte(bytes[i]!)) i++;
  if (i >= end || (bytes[i] !== 0x22 && bytes[i] !== 0x27)) return false;
  i++;
  while (i < end && isSpace(bytes[i]!)) i++;
  if (i >= end || bytes[i] !== 0x2c /* , */) return false;
  i++;
  while (i < end && isSpace(bytes[i]!)) i++;
  return i < end && (bytes[i] === 0x22 || bytes[i] === 0x27);
};

/**
 * `name=value` as a query or form parameter, as `generic-url-parameter` spells it: the keyword ends
 * at the `=`; the name before it follows `?` or `&`, or an option (`-d`, `--data`, `-F`) and blanks;
 * the value is 16 or more URL characters.
 */
const urlParameter: Gate = (bytes, at, lineStart, end) => {
  let j = at - 2; // before the `=`
  while (j >= lineStart && isNameByte(bytes[j]!)) j--;
  const before = j >= lineStart ? bytes[j]! : -1;
  if (before !== 0x3f && before !== 0x26) {
    if (before === 0x22 || before === 0x27) j--;
    if (j < lineStart || (bytes[j] !== SPACE && bytes[j] !== TAB)) return false;
    while (j >= lineStart && (bytes[j] === SPACE || bytes[j] === TAB)) j--;
    while (j >= lineStart && (isWord(bytes[j]!) || bytes[j] === 0x2d)) j--;
    if (bytes[j + 1] !== 0x2d /* - */) return false;
  }
  let i = at;
  while (i < end && (isWord(bytes[i]!) || bytes[i] === 0x25 || bytes[i] === 0x2b || bytes[i] === 0x2f || bytes[i] === 0x3d || bytes[i] === 0x2e || bytes[i] === 0x7e || bytes[i] === 0x2d)) i++;
  return i - at >= 16;
};

export const GATES: Readonly<Record<string, Gate>> = {
  assignment,
  'credential-assignment': credentialAssignment,
  'line-assignment': lineAssignment,
  'line-label': lineLabel,
  'line-quoted-label': lineQuotedLabel,
  'url-userinfo': urlUserinfo,
  'call-argument': callArgument,
  'url-parameter': urlParameter,
};
