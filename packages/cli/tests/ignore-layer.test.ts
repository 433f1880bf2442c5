import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ignore from 'ignore';
import { describe, expect, it } from 'vitest';
import { xorshift32 } from '../../../test/support/xorshift.js';
import { discoverFiles } from '../src/discover.js';
import { IgnoreLayer, IgnoreRules, needleOf, rulesFor } from '../src/ignore-layer.js';

/** .gitignore texts: templates' kinds of patterns, then the corners of the syntax. */
const TEXTS = [
  // name patterns only
  '*.log\nnode_modules/\n.DS_Store\n*.py[cod]\n__pycache__/\n!keep.log\n',
  // GitHub's Visual Studio template's kinds: path patterns with brackets and `**`
  '[Bb]in/\n[Oo]bj/\n**/[Pp]ackages/*\n!**/[Pp]ackages/build/\nDocProject/Help/*.HxT\n.vscode/*\n!.vscode/settings.json\nGenerated\\ Files/\n*.[Cc]ache\n!?*.[Cc]ache/\n',
  // anchored and nested paths, negations undoing them, a folder re-included
  '/build\nlib/*.d.ts\n!/lib\nsrc/**/gen/\ndocs/_build/\n!docs/_build/keep.md\n*.tmp\n!important.tmp\n',
  // corners: CRLF, trailing spaces (plain and escaped), escapes, a lone `!`, `/`, comments, case
  '# comment\r\n\\#hash\r\nspace \r\nescaped\\ \r\n!\r\n/\r\n\\!bang\r\nCaSe.TXT\r\n*~\r\n?x\r\n',
  // patterns no needle can stand for (every path is asked), and one with `**` alone in a name
  '*\n!*.md\n!*/\n',
  'a**b\n**/x\nx/**\n',
  // a byte-order mark
  '\uFEFF*.bak\nsub/*.bak\n',
];

const NAMES = ['a', 'b', 'x', 'ab', 'axb', 'build', 'lib', 'src', 'gen', 'docs', '_build', 'keep.md', 'bin', 'Bin', 'obj', 'packages', 'Packages', 'DocProject', 'Help', 'f.HxT', '.vscode', 'settings.json', 'Generated Files', 'node_modules', 'x.log', 'keep.log', 'm.pyc', '__pycache__', 'r.md', 'q.d.ts', 'e.tmp', 'important.tmp', 'f.cache', 'F.Cache', '#hash', 'space', 'escaped ', '!bang', 'case.txt', 'CASE.TXT', 'z~', 'ax', 'x.bak', 'sub', 'ſrc', 'Ⅽase.txt'];

/** A random tree of paths (folders end in `/`), every folder listed before what it holds. */
function randomPaths(seed: number, count: number): string[] {
  const next = xorshift32(seed);
  const paths = new Set<string>();
  while (paths.size < count) {
    const depth = 1 + (next() % 4);
    const parts = Array.from({ length: depth }, () => NAMES[next() % NAMES.length]!);
    for (let i = 1; i < depth; i++) paths.add(`${parts.slice(0, i).join('/')}/`);
    paths.add(parts.join('/') + (next() % 3 === 0 ? '/' : ''));
  }
  return [...paths];
}

/** The walk's view (discover.ts): the folder's state by this layer, then the entry alone. */
function walkVerdict(layer: IgnoreLayer, path: string): { ignored: boolean; unignored: boolean } {
  const isDir = path.endsWith('/');
  const parts = path.replace(/\/$/, '').split('/');
  let ignoredDir = false;
  for (let i = 0; i < parts.length - 1; i++) ignoredDir = layer.childState(ignoredDir, `${parts.slice(0, i + 1).join('/')}/`, `${parts[i]}/`);
  if (ignoredDir) return { ignored: true, unignored: false };
  const name = parts[parts.length - 1]! + (isDir ? '/' : '');
  const { ignored, unignored } = layer.test(path, name);
  return { ignored, unignored };
}

describe('IgnoreLayer', () => {
  it.each(TEXTS.map((t, i) => [i, t] as const))('gives the ignore package’s verdict on every path (text %i)', (i, text) => {
    const layer = new IgnoreLayer('/r', new IgnoreRules(text));
    const reference = ignore().add(text);
    for (const path of randomPaths(i + 1, 3000)) {
      const { ignored, unignored } = reference.test(path);
      expect([path, walkVerdict(layer, path)]).toEqual([path, { ignored, unignored }]);
    }
  });

  it('takes as needles only what a matching path must hold', () => {
    expect(needleOf('DocProject/Help/*.HxT')).toBe('DocProject');
    expect(needleOf('**/[Pp]ackages/*')).toBe('ackages');
    expect(needleOf('!**/[Pp]ackages/build/')).toBe('ackages');
    expect(needleOf('Generated\\ Files/')).toBe('Generated');
    expect(needleOf('f?o.txt')).toBe('o.txt');
    expect(needleOf('/*')).toBe('');
  });

  it('compiles a .gitignore text once, whatever number of folders hold it', () => {
    const shared = new Map<string, IgnoreRules>();
    expect(rulesFor('*.log\n', shared)).toBe(rulesFor('*.log\n', shared));
    expect(rulesFor('*.tmp\n', shared)).not.toBe(rulesFor('*.log\n', shared));
  });
});

describe('discovery and git agree on what is ignored', () => {
  it('lists what `git ls-files --cached --others --exclude-standard` lists, in a repository with nested .gitignore files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'leakguard-ignore-git-'));
    const next = xorshift32(7);
    const files = new Set<string>();
    // Names git and `ignore` read alike (`ignore` compares without case, git on Linux with it: no
    // two names here differ in case alone from a pattern).
    const names = ['a', 'b', 'lib', 'src', 'gen', 'docs', '_build', 'keep.md', 'bin', 'obj', 'packages', 'DocProject', 'Help', 'f.HxT', '.vscode', 'settings.json', 'x.log', 'keep.log', 'm.pyc', 'r.md', 'q.d.ts', 'e.tmp', 'important.tmp', 'z~', 'x.bak', 'sub'];
    while (files.size < 600) {
      const depth = 1 + (next() % 4);
      files.add(Array.from({ length: depth }, () => names[next() % names.length]!).join('/'));
    }
    const gitignores: Record<string, string> = {
      '.gitignore': '*.log\n!keep.log\n/bin\nlib/*.d.ts\n**/packages/*\n!**/packages/keep.md\n',
      'src/.gitignore': 'gen/\n*.tmp\n!important.tmp\ndocs/_build/\n',
      'a/.gitignore': '*\n!*.md\n!*/\n',
      'b/sub/.gitignore': '.vscode/*\n!.vscode/settings.json\nDocProject/Help/*.HxT\n*.pyc\n*~\n',
    };
    const written: string[] = [];
    for (const path of files) {
      // A file cannot sit where a folder is: keep the first of the two.
      if (written.some((w) => w.startsWith(`${path}/`) || path.startsWith(`${w}/`))) continue;
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), 'x\n');
      written.push(path);
    }
    for (const [path, text] of Object.entries(gitignores)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const git = spawnSync('git', ['init', '-q', root]);
    expect(git.status).toBe(0);
    const listed = spawnSync('git', ['-C', root, 'ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' });
    expect(listed.status).toBe(0);
    const expected = listed.stdout.split('\n').filter(Boolean).sort();
    const found: string[] = [];
    for await (const f of discoverFiles(['.'], { base: root, exclude: [], notify: () => undefined })) found.push(f.path);
    expect(expected.length).toBeGreaterThan(100);
    expect(found.length).toBeLessThan(written.length + 4); // some files are ignored
    expect(found.sort()).toEqual(expected);
  });
});
