/** The hostile-input harness itself: a limit that is hit is seen, and a leak is seen. */
import { describe, expect, it } from 'vitest';
import { makeProject } from '../support/cli.js';
import { leaks, runBounded, secretPieces } from './support/bounded-run.js';

describe('hostile-input harness', () => {
  it('splits a secret into every 12-character piece', () => {
    expect(secretPieces('abcdefghijklm')).toEqual(['abcdefghijkl', 'bcdefghijklm']);
    expect(secretPieces('short')).toEqual(['short']);
  });

  it('finds a piece of a planted secret in a report file, and none where there is none', () => {
    const secret = 'ghp_' + 'Zq8'.repeat(12);
    const dir = makeProject({ 'a.txt': 'nothing here\n' });
    const clean = runBounded(['scan', '.', '-f', 'json', '-o', 'r.json'], { cwd: dir });
    expect(clean.status).toBe(0);
    expect(clean.reports).toHaveLength(1);
    expect(leaks(clean, [secret])).toEqual([]);
    const found = leaks({ ...clean, reports: [`x${secret.slice(5, 17)}x`] }, [secret]);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((place) => place.startsWith('report 0 holds'))).toBe(true);
    expect(leaks({ ...clean, reports: [`x${secret.slice(5, 16)}x`] }, [secret]), 'an 11-character piece is not a leak').toEqual([]);
  });
});
