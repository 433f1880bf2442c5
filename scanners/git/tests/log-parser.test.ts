import { describe, expect, it } from 'vitest';
import { LogParser, logArguments } from '../src/index.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const Z = '0'.repeat(40);
const X = '1'.repeat(40);
const Y = '2'.repeat(40);

/** Feeds NUL-separated tokens as git log -z prints them. */
function parse(tokens: string[]): ReturnType<LogParser['end']> {
  const p = new LogParser();
  for (const t of tokens) p.push(t);
  return p.end();
}

const header = (sha: string, parents: string) => [`\x01${sha}`, parents, 'Ada Dev', 'ada@example.com', '2026-01-02T03:04:05+00:00'];

describe('LogParser', () => {
  it('reads the commit header', () => {
    const [c] = parse(header(A, `${B} ${C}`));
    expect(c!.commit).toEqual({ sha: A, parents: [B, C], author: 'Ada Dev', email: 'ada@example.com', date: '2026-01-02T03:04:05+00:00' });
    expect(c!.blobs).toEqual([]);
  });

  it.each([
    ['an added file', `\n:000000 100644 ${Z} ${X} A`, 'src/a.js', [{ oid: X, path: 'src/a.js', mode: '100644' }]],
    ['a modified executable', `:100755 100755 ${Y} ${X} M`, 'bin/run', [{ oid: X, path: 'bin/run', mode: '100755' }]],
    ['a type change to a file', `:120000 100644 ${Y} ${X} T`, 'link', [{ oid: X, path: 'link', mode: '100644' }]],
    ['a path with spaces and unicode', `:000000 100644 ${Z} ${X} A`, 'dir ä/a b.txt', [{ oid: X, path: 'dir ä/a b.txt', mode: '100644' }]],
    ['a deleted file (nothing new)', `:100644 000000 ${X} ${Z} D`, 'gone.txt', []],
    ['a symlink (no content of its own)', `:000000 120000 ${Z} ${X} A`, 'link', []],
    ['a submodule', `:000000 160000 ${Z} ${X} A`, 'vendor/lib', []],
    ['a merge result that differs from both parents', `::100644 100644 100644 ${Y} ${C} ${X} MM`, 'merged.txt', [{ oid: X, path: 'merged.txt', mode: '100644' }]],
    ['a merge that deletes', `::100644 100644 000000 ${Y} ${C} ${Z} DD`, 'merged.txt', []],
  ])('%s', (_, raw, path, blobs) => {
    const [c] = parse([...header(A, B), raw, path]);
    expect(c!.blobs).toEqual(blobs);
  });

  it('splits consecutive commits, including ones without changes', () => {
    const commits = parse([...header(A, ''), `\n:000000 100644 ${Z} ${X} A`, 'a', ...header(B, A), ...header(C, B), `\n:100644 100644 ${X} ${Y} M`, 'a']);
    expect(commits.map((c) => [c.commit.sha, c.commit.parents, c.blobs.map((b) => b.oid)])).toEqual([
      [A, [], [X]],
      [B, [A], []],
      [C, [B], [Y]],
    ]);
  });

  it.each([
    ['a newline', '\n'],
    ['two newlines', '\n\n'],
    ['a name that starts with a colon', ':000000 100644 x'],
    ['a name that starts with \\x01', '\x01odd'],
    ['an empty-looking name of spaces', '  '],
  ])('takes a path that is %s verbatim, and the next entry keeps its own blob', (_, odd) => {
    const [c] = parse([...header(A, ''), `\n:000000 100644 ${Z} ${X} A`, odd, `:000000 100644 ${Z} ${Y} A`, 'b.txt']);
    expect(c!.blobs).toEqual([
      { oid: X, path: odd, mode: '100644' },
      { oid: Y, path: 'b.txt', mode: '100644' },
    ]);
  });

  it('hands out commits as soon as the next one starts', () => {
    const p = new LogParser();
    for (const t of [...header(A, ''), `:000000 100644 ${Z} ${X} A`, 'a']) p.push(t);
    expect(p.take()).toEqual([]);
    for (const t of header(B, A)) p.push(t);
    expect(p.take().map((c) => c.commit.sha)).toEqual([A]);
    expect(p.end().map((c) => c.commit.sha)).toEqual([B]);
  });
});

describe('logArguments', () => {
  it('walks parents before children, with combined diffs for merges and no rename pairing', () => {
    const args = logArguments({ revisions: ['--all'], maxCount: 10 });
    expect(args).toEqual(expect.arrayContaining(['--topo-order', '--reverse', '--root', '-c', '--raw', '-z', '--no-renames', '--max-count=10']));
    expect(args.slice(-2)).toEqual(['--all', '--']);
  });
});
