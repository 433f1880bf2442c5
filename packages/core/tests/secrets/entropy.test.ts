import { describe, expect, it } from 'vitest';
import { shannonEntropy } from '@leakguard/core';

/** The definition, written plainly: bits per code point. */
function reference(value: string): number {
  const chars = [...value];
  const counts = new Map<string, number>();
  for (const ch of chars) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return [...counts.values()].reduce((bits, c) => bits - (c / chars.length) * Math.log2(c / chars.length), 0);
}

describe('shannonEntropy', () => {
  it.each([
    ['', 0],
    ['aaaa', 0],
    ['ab', 1],
    ['abcd', 2],
    ['aabb', 1],
    ['日本日本', 1], // non-ASCII: counted per character
    ['a🔑', 1], // a surrogate pair is one character
    ['0123456789abcdef', 4],
  ])('%j has %d bits per character', (value, bits) => {
    expect(shannonEntropy(value)).toBeCloseTo(bits, 12);
  });

  it('equals the definition on random ASCII and non-ASCII strings, call after call', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = 'abcdefABCDEF0123456789+/=_-.:@é日🔑 ';
    for (let i = 0; i < 500; i++) {
      const length = 1 + Math.floor(random() * 60);
      const asciiOnly = i % 2 === 0;
      let s = '';
      for (let k = 0; k < length; k++) s += [...alphabet][Math.floor(random() * (asciiOnly ? 31 : 35))];
      expect(shannonEntropy(s)).toBe(reference(s));
    }
  });
});
