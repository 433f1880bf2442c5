import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Notification } from '@leakguard/core';
import { discoverFiles } from '../src/discover.js';
import { looksBinary, readInput } from '../src/read-input.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'leakguard-discover-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

async function list(root: string, paths = ['.'], exclude: string[] = []) {
  const notes: Notification[] = [];
  const files: string[] = [];
  for await (const f of discoverFiles(paths, { base: root, exclude, notify: (n) => notes.push(n) })) files.push(f.path);
  return { files, notes };
}

describe('file discovery', () => {
  it('honours nested .gitignore files, negations and the config excludes', async () => {
    const root = tree({
      '.gitignore': 'dist/\n*.log\n',
      'src/a.ts': '',
      'src/.gitignore': 'generated/\n!keep.log\n',
      'src/keep.log': '',
      'src/other.log': '',
      'src/generated/x.ts': '',
      'dist/bundle.js': '',
      'fixtures/f.json': '',
      'node_modules/m/index.js': '',
      '.git/config': '',
      '.github/workflows/ci.yml': '',
    });
    const { files } = await list(root, ['.'], ['fixtures/']);
    expect(files).toEqual(['.github/workflows/ci.yml', '.gitignore', 'src/.gitignore', 'src/a.ts', 'src/keep.log']);
  });

  it('applies the .gitignore of the enclosing repository when scanning a subfolder', async () => {
    const root = tree({ '.git/HEAD': '', '.gitignore': 'build/\n', 'app/build/out.js': '', 'app/src/a.ts': '' });
    const { files } = await list(root, ['app']);
    expect(files).toEqual(['app/src/a.ts']);
  });

  it("does not apply an enclosing repository's .gitignore to a scan root that is a repository itself", async () => {
    const root = tree({ '.git/HEAD': '', '.gitignore': 'vendor/\n', 'vendor/inner/.git/HEAD': '', 'vendor/inner/src/a.ts': '' });
    expect((await list(join(root, 'vendor/inner'), ['.'])).files).toEqual(['src/a.ts']);
  });

  it("walks a folder named explicitly even when the enclosing .gitignore ignores it; its own .gitignore still applies", async () => {
    const root = tree({ '.git/HEAD': '', '.gitignore': 'out/\n*.log\n', 'out/a.js': '', 'out/.gitignore': 'tmp/\n', 'out/tmp/b.js': '', 'out/sub/c.js': '', 'app/x.log': '', 'app/y.js': '' });
    expect((await list(root, ['out'])).files).toEqual(['out/.gitignore', 'out/a.js', 'out/sub/c.js']);
    expect((await list(root, ['.'])).files, 'walked from the top, out/ stays ignored').toEqual(['.gitignore', 'app/y.js']);
    expect((await list(root, ['app'])).files, 'a folder that is not ignored keeps every enclosing rule').toEqual(['app/y.js']);
  });

  it('scans a file named explicitly even when ignored, once even if named twice', async () => {
    const root = tree({ '.gitignore': 'secret.env\n', 'secret.env': '' });
    expect((await list(root, ['secret.env', 'secret.env', '.'])).files).toEqual(['secret.env', '.gitignore']);
  });

  it('does not follow symbolic links, so a loop cannot hang the walk', async () => {
    const root = tree({ 'a/b/file.txt': '' });
    symlinkSync(join(root, 'a'), join(root, 'a/b/loop'));
    symlinkSync('/etc/passwd', join(root, 'a/passwd'));
    expect((await list(root)).files).toEqual(['a/b/file.txt']);
  });

  it('reports a missing path and goes on', async () => {
    const root = tree({ 'x.txt': '' });
    const { files, notes } = await list(root, ['missing', '.']);
    expect(files).toEqual(['x.txt']);
    expect(notes).toEqual([{ kind: 'read-error', level: 'error', message: 'no such file or folder', path: 'missing' }]);
  });

  describe('glob arguments (quoted, so the shell leaves them to leakguard)', () => {
    const project = () =>
      tree({
        '.gitignore': '*.tfstate\nbuild/\n',
        'infra/main.tf': '',
        'infra/modules/vpc/vpc.tf': '',
        'infra/modules/vpc/README.md': '',
        'infra/terraform.tfstate': '',
        'deploy/prod.tfvars': '',
        'build/out.tf': '',
        'app/.env': '',
        'app/pages/[id].ts': '',
        'app/pages/x.ts': '',
        'node_modules/m/m.tf': '',
      });

    it('walks from the folder before the first glob character, honouring .gitignore', async () => {
      const root = project();
      expect((await list(root, ['infra/**/*.tf'])).files).toEqual(['infra/main.tf', 'infra/modules/vpc/vpc.tf']);
      expect((await list(root, ['**/*.tf'])).files, 'build/ is ignored, node_modules never entered').toEqual(['infra/main.tf', 'infra/modules/vpc/vpc.tf']);
      expect((await list(root, ['{infra,deploy}/**/*.{tf,tfvars}'])).files).toEqual(['deploy/prod.tfvars', 'infra/main.tf', 'infra/modules/vpc/vpc.tf']);
      expect((await list(root, ['**/*.env'])).files, 'a star matches a leading dot').toEqual(['app/.env']);
    });

    it('takes a literal name first: a file named [id].ts is that file, not a pattern', async () => {
      const root = project();
      expect((await list(root, ['app/pages/[id].ts'])).files).toEqual(['app/pages/[id].ts']);
      expect((await list(root, ['app/pages/[xy].ts'])).files, 'no such file: a class matching x.ts').toEqual(['app/pages/x.ts']);
    });

    it('applies the config excludes and yields a file once when a glob and a path both name it', async () => {
      const root = project();
      expect((await list(root, ['infra/**/*.tf'], ['modules/'])).files).toEqual(['infra/main.tf']);
      expect((await list(root, ['infra/main.tf', 'infra/*.tf'])).files).toEqual(['infra/main.tf']);
    });

    it('warns when a pattern matches nothing, and says so when its folder is missing', async () => {
      const root = project();
      const none = await list(root, ['infra/**/*.tff', '.gitignore']);
      expect(none.files).toEqual(['.gitignore']);
      expect(none.notes).toEqual([{ kind: 'config', level: 'warning', message: 'no file matches this pattern', path: 'infra/**/*.tff' }]);
      const missing = await list(root, ['nowhere/*.tf']);
      expect(missing.notes).toEqual([{ kind: 'read-error', level: 'error', message: 'no such file or folder, and no folder nowhere to match the pattern in', path: 'nowhere/*.tf' }]);
      const refused = await list(root, ['{a,b,c,d}{a,b,c,d}{a,b,c,d}{a,b,c,d}{a,b,c,d}']);
      expect(refused.notes[0]).toMatchObject({ kind: 'config', level: 'error' });
    });
  });
});

describe('reading inputs', () => {
  it.each([
    ['text', false, Buffer.from('hello')],
    ['a NUL byte early', true, Buffer.from([104, 0, 105])],
    ['a NUL byte after 8000 bytes', false, Buffer.concat([Buffer.alloc(8000, 97), Buffer.from([0])])],
  ])('%s: binary %s', (_name, binary, bytes) => {
    expect(looksBinary(bytes)).toBe(binary);
  });

  it('skips binaries and oversize files with a note, and reports what cannot be read', async () => {
    const root = tree({ 'big.txt': 'x'.repeat(2048), 'ok.txt': 'fine' });
    writeFileSync(join(root, 'img.png'), Buffer.from([137, 80, 78, 71, 0, 0]));
    expect(await readInput(join(root, 'ok.txt'), 'ok.txt', 1024)).toEqual({ data: Buffer.from('fine') });
    expect(await readInput(join(root, 'big.txt'), 'big.txt', 1024)).toEqual({ skipped: expect.objectContaining({ kind: 'skipped-large', level: 'note', path: 'big.txt' }) });
    expect(await readInput(join(root, 'img.png'), 'img.png', 1024)).toEqual({ skipped: expect.objectContaining({ kind: 'skipped-binary', level: 'note' }), head: Buffer.from([137, 80, 78, 71, 0, 0]), size: 6 });
    expect(await readInput(root, 'dir', 1024)).toEqual({ skipped: { kind: 'read-error', level: 'error', message: 'cannot read file: not a regular file', path: 'dir' } });
  });
});
