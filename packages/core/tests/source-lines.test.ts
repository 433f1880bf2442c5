/** A file's lines from its bytes answer exactly as from its decoded text. */
import { describe, expect, it } from 'vitest';
import { ByteLines, lineStarts, regionOf, textLines } from '@leakguard/core';

const TEXTS: [string, string][] = [
  ['ASCII lines', 'first line\nsecond line\n\nfourth'],
  ['Windows line ends', 'a = 1\r\nb = 2\r\n\r\nend\r\n'],
  ['multi-byte characters', 'é日本🔑x\nnaïve café\n🔑🔑'],
  ['a long minified line', `var a=1;${'x=[1,"é"];'.repeat(5000)}end\nnext`],
  ['no final line break, a lone \\r inside', 'one\rtwo\nthree'],
];

describe.each(TEXTS)('ByteLines on %s', (_what, text) => {
  const bytes = new ByteLines(Buffer.from(text, 'utf8'));
  const decoded = textLines(text);
  const count = text.split('\n').length;

  it('gives the same lines, lengths and slices', () => {
    for (let n = 0; n <= count + 1; n++) {
      expect(bytes.line(n)).toBe(decoded.line(n));
      expect(bytes.lineLength(n)).toBe(decoded.lineLength(n));
      for (const [from, to] of [[0, 3], [2, 9], [-4, 2], [5, 100000], [40000, 40010]] as const) {
        expect(bytes.lineSlice(n, from, to)).toBe(decoded.lineSlice(n, from, to));
      }
    }
  });

  it('places byte offsets at the same lines and UTF-16 columns as the text offsets', () => {
    const buffer = Buffer.from(text, 'utf8');
    const starts = lineStarts(text);
    // Every character boundary (every 97th on the long line): its byte offset and its UTF-16 offset.
    const step = text.length > 2000 ? 97 : 1;
    let byte = 0;
    let unit = 0;
    let i = 0;
    for (const ch of [...text, '']) {
      if (i++ % step === 0 || ch === '') expect(bytes.region(byte, byte)).toEqual(regionOf(starts, unit, unit));
      byte += Buffer.byteLength(ch);
      unit += ch.length;
    }
    expect(byte).toBe(buffer.length);
  });
});

describe('ByteLines.lineIncludes (ASCII case ignored, nothing decoded)', () => {
  it.each([
    ['x // leakguard:ignore', true],
    ['x // LeakGuard:IGNORE secret/a', true],
    ['leakguard:ignore', true],
    ['leakguard:ignor', false],
    ['leakguard;ignore', false],
    ['leakguard:ignorE at the end', true],
    ['éé leakguard:ignore after multi-byte text', true],
    [`${'leakguard:ignor '.repeat(20000)}`, false],
    [`${'a'.repeat(100000)}leakguard:ignore`, true],
  ])('%#: %j -> %s', (line, expected) => {
    const lines = new ByteLines(Buffer.from(`before\n${line}\nafter`, 'utf8'));
    expect(lines.lineIncludes(2, 'leakguard:ignore')).toBe(expected);
    expect(lines.lineIncludes(1, 'leakguard:ignore')).toBe(false);
    expect(lines.lineIncludes(3, 'leakguard:ignore')).toBe(false);
    expect(textLines(`before\n${line}\nafter`).lineIncludes(2, 'leakguard:ignore')).toBe(expected);
  });

  it('does not look past its line into the next one', () => {
    const lines = new ByteLines(Buffer.from('a leakguard:\nignore b', 'utf8'));
    expect(lines.lineIncludes(1, 'leakguard:ignore')).toBe(false);
    expect(lines.lineIncludes(9, 'leakguard:ignore')).toBe(false);
  });
});
