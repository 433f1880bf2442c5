/** How names that strangers chose are shown: invalid UTF-8 as \xNN (names.ts), control characters escaped in text (printable.ts). */
import { describe, expect, it } from 'vitest';
import { isUtf8Name, shownName } from '../src/names.js';
import { printable } from '../src/reporters/printable.js';

const b = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

describe('shownName', () => {
  it.each([
    ['plain ASCII', b('src/app.js'), 'src/app.js', true],
    ['valid UTF-8', b('café/日本.ts'), 'café/日本.ts', true],
    ['a real U+FFFD in the name', b('a\uFFFDb'), 'a\uFFFDb', true],
    ['a Latin-1 byte', b('caf', [0xe9], '.js'), 'caf\\xe9.js', false],
    ['a lone 0xFF', b([0xff]), '\\xff', false],
    ['a truncated 3-byte sequence', b('x', [0xe2, 0x82], 'y'), 'x\\xe2\\x82y', false],
    ['an overlong encoding of "/"', b([0xc0, 0xaf]), '\\xc0\\xaf', false],
    ['a UTF-16 surrogate encoded in UTF-8', b([0xed, 0xa0, 0x80]), '\\xed\\xa0\\x80', false],
    ['a code point above U+10FFFF', b([0xf4, 0x90, 0x80, 0x80]), '\\xf4\\x90\\x80\\x80', false],
  ])('%s', (_, raw, shown, valid) => {
    expect(shownName(raw)).toBe(shown);
    expect(isUtf8Name(raw)).toBe(valid);
  });
});

describe('printable', () => {
  it.each([
    ['text without controls', 'src/app.ts: DB_PASSWORD', 'src/app.ts: DB_PASSWORD'],
    ['a newline and a carriage return', 'a\nb\rc', 'a\\nb\\rc'],
    ['a tab', 'a\tb', 'a\\tb'],
    ['an escape sequence', '\u001b[8mhidden', '\\x1b[8mhidden'],
    ['DEL and a C1 control', 'a\u007fb\u009bc', 'a\\x7fb\\x9bc'],
    ['a bidi override and isolate', 'a\u202eb\u2066c', 'a\\u{202e}b\\u{2066}c'],
    ['a backslash stays', 'dir\\name', 'dir\\name'],
    ['non-ASCII letters stay', 'café 日本', 'café 日本'],
  ])('%s', (_, text, shown) => {
    expect(printable(text)).toBe(shown);
  });
});
