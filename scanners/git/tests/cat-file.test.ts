import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CatFileBatch, GitError, repoInfo, stagedFiles } from '../src/index.js';

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@x', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@x' } }).trim();
const hashObject = (content: string | Buffer) => execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo, input: content, encoding: 'utf8' }).trim();

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'lg-catfile-'));
  git('init', '-q');
});

describe('CatFileBatch', () => {
  it('answers many pipelined reads in order, byte for byte (content with newlines, empty, binary, large)', async () => {
    const contents = [Buffer.from('one\ntwo\n'), Buffer.alloc(0), Buffer.from([0, 10, 255, 10, 0]), Buffer.alloc(3 * 1024 * 1024, 'x'), Buffer.from('last')];
    const oids = contents.map((c) => hashObject(c));
    const batch = new CatFileBatch(repo);
    const objects = await Promise.all(oids.map((o) => batch.read(o)));
    await batch.close();
    expect(objects.map((o) => o.type)).toEqual(contents.map(() => 'blob'));
    objects.forEach((o, i) => expect(Buffer.compare(o.data, contents[i]!)).toBe(0));
  });

  it('skips content over the size limit without holding it', async () => {
    const big = hashObject(Buffer.alloc(200_000, 'y'));
    const small = hashObject('small');
    const batch = new CatFileBatch(repo, 100_000);
    const [a, b] = await Promise.all([batch.read(big), batch.read(small)]);
    await batch.close();
    expect(a).toMatchObject({ size: 200_000, skipped: true });
    expect(a!.data.length).toBe(0);
    expect(b!.data.toString()).toBe('small');
  });

  it('a missing object is a GitError, and later reads still work', async () => {
    const batch = new CatFileBatch(repo);
    await expect(batch.read('d'.repeat(40))).rejects.toThrow(GitError);
    await expect(batch.read('d'.repeat(40))).rejects.toThrow(/is missing/);
    expect((await batch.read(hashObject('after'))).data.toString()).toBe('after');
    await batch.close();
  });

  it.each([
    ['all present', ['one', 'two', 'three'], []],
    ['a missing id in the middle fails that read alone', ['one', 'MISSING', 'three'], [1]],
    ['an id that is not one is refused without reaching git', ['one', '--batch-all-objects', 'three'], [1]],
  ])('readMany asks for several objects in one request, answered in order: %s', async (_name, items, failing) => {
    const oids = items.map((c) => (c === 'MISSING' ? 'e'.repeat(40) : c.startsWith('-') ? c : hashObject(`${c}\n`)));
    const batch = new CatFileBatch(repo);
    const results = await Promise.allSettled(batch.readMany(oids));
    await batch.close();
    results.forEach((r, i) => {
      if (failing.includes(i)) expect(r.status).toBe('rejected');
      else expect(r.status === 'fulfilled' && r.value.data.toString()).toBe(`${items[i]}\n`);
    });
  });

  it('refuses what is not an object id (no option injection)', async () => {
    const batch = new CatFileBatch(repo);
    await expect(batch.read('--help')).rejects.toThrow(/not an object id/);
    await batch.close();
  });
});

describe('repoInfo and stagedFiles', () => {
  it('describes a repository without commits', async () => {
    const info = await repoInfo(repo);
    expect(info).toMatchObject({ bare: false, shallow: false });
    expect(info.head).toBeUndefined();
  });

  it('lists staged files with the staged object id', async () => {
    writeFileSync(join(repo, 'a.txt'), 'staged\n');
    git('add', 'a.txt');
    writeFileSync(join(repo, 'a.txt'), 'working tree\n');
    const files = await stagedFiles(repo);
    expect(files).toEqual([{ path: 'a.txt', oid: hashObject('staged\n'), mode: '100644' }]);
  });

  it('not a repository is a GitError', async () => {
    await expect(repoInfo(mkdtempSync(join(tmpdir(), 'lg-norepo-')))).rejects.toThrow(/not a git repository/);
  });
});
