import { describe, expect, it } from 'vitest';
import { xorshift32 } from '../../../test/support/xorshift.js';
import { PathNames } from '../src/path-names.js';

/** The names `check` hands to the scan, in order: each folder and file prefix once. */
function scannedPrefixes(paths: string[]): [string, boolean][] {
  const names = new PathNames({} as never);
  const seen: [string, boolean][] = [];
  (names as unknown as { scanName: (prefix: string, isFolder: boolean) => void }).scanName = (prefix, isFolder) => seen.push([prefix, isFolder]);
  for (const p of paths) names.check(p);
  return seen;
}

describe('PathNames.check', () => {
  it('scans every folder and file name once, shortest prefix first, whatever the order of the paths', () => {
    const next = xorshift32(11);
    const paths = Array.from({ length: 2000 }, () => Array.from({ length: 1 + (next() % 5) }, () => 'abcd'[next() % 4]).join('/') + `/f${next() % 7}`);
    const expected: [string, boolean][] = [];
    const done = new Set<string>();
    for (const p of paths) {
      const parts = p.split('/');
      for (let i = 1; i <= parts.length; i++) {
        const prefix = parts.slice(0, i).join('/');
        if (done.has(prefix)) continue;
        done.add(prefix);
        expected.push([prefix, i < parts.length]);
      }
    }
    expect(scannedPrefixes(paths)).toEqual(expected);
    expect(scannedPrefixes(['a.txt', 'a.txt', 'x/y/z', 'x/w'])).toEqual([['a.txt', false], ['x', true], ['x/y', true], ['x/y/z', false], ['x/w', false]]);
  });
});
