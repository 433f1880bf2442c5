/**
 * The walk with a commit cache gives exactly the events of the walk without one: with an empty
 * cache (the whole log streamed), a full one (only `git rev-list` runs) and one missing a few
 * commits (those alone diffed with `git log --no-walk`), on a real repository with a root commit,
 * merges (one adding content itself), renames, deletions and several refs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { walkHistory, type CommitCache, type CommitChanges, type HistoryEvent } from '../src/index.js';

let repo: string;
let clock = 1_700_000_000;
const git = (...args: string[]) => {
  clock += 60;
  const date = `${clock} +0000`;
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_NOSYSTEM: '1', HOME: repo } }).trim();
};
const commit = (message: string, files: Record<string, string>) => {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), content);
  }
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', message);
};

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'leakguard-walk-cache-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Ada');
  git('config', 'user.email', 'ada@example.com');
  commit('root', { 'a.txt': 'a\n', 'b/c.txt': 'c\n' });
  git('checkout', '-q', '-b', 'topic');
  commit('topic', { 'topic.txt': 'topic\n', 'a.txt': 'a2\n' });
  git('checkout', '-q', 'main');
  commit('main', { 'main.txt': 'main\n' });
  git('merge', '-q', '--no-ff', '--no-commit', 'topic');
  writeFileSync(join(repo, 'merge-only.txt'), 'added by the merge\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'merge');
  git('mv', 'b/c.txt', 'b/d.txt');
  commit('rename', {});
  git('rm', '-q', 'main.txt');
  commit('delete', { 'e.txt': 'e\n' });
  git('checkout', '-q', '-b', 'side', 'HEAD~2');
  commit('side', { 'side.txt': 'side\n' });
  git('checkout', '-q', 'main');
});

/** The git subcommands the walk runs (LEAKGUARD_GIT pointed at a logging wrapper). */
const calls: string[] = [];
async function spied<T>(run: () => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'leakguard-git-spy-'));
  const log = join(dir, 'calls');
  writeFileSync(join(dir, 'git'), `#!/bin/sh\necho "$3 $4" >> "${log}"\nexec git "$@"\n`, { mode: 0o755 });
  process.env.LEAKGUARD_GIT = join(dir, 'git');
  try {
    return await run();
  } finally {
    delete process.env.LEAKGUARD_GIT;
    calls.push(...readFileSync(log, 'utf8').trim().split('\n'));
  }
}

class MapCache implements CommitCache {
  readonly map = new Map<string, CommitChanges>();
  gets = 0;
  get(sha: string) {
    this.gets++;
    return this.map.get(sha);
  }
  put(changes: CommitChanges) {
    this.map.set(changes.commit.sha, structuredClone(changes));
  }
}

async function events(cache?: CommitCache, extra: { skipPath?: (p: string) => boolean; maxCount?: number } = {}): Promise<HistoryEvent[]> {
  const walk = await walkHistory({ repo, contents: false, ...(cache ? { commitCache: cache } : {}), ...extra });
  const out: HistoryEvent[] = [];
  for await (const e of walk.events) out.push(e);
  return out;
}

describe('walkHistory with a commit cache', () => {
  it.each([
    ['every ref', {}],
    ['an exclude', { skipPath: (p: string) => p.startsWith('b/') }],
    ['--max-count 3', { maxCount: 3 }],
  ])('%s: empty, full and partial caches give the events of the walk without one', async (_, extra) => {
    const plain = await events(undefined, extra);
    expect(plain.filter((e) => e.kind === 'commit').length).toBeGreaterThan(2);
    const cache = new MapCache();
    expect(await events(cache, extra), 'empty cache: the whole log, cached as it goes').toEqual(plain);
    expect(cache.map.size).toBe(plain.filter((e) => e.kind === 'commit').length);
    calls.length = 0;
    expect(await spied(() => events(cache, extra)), 'full cache').toEqual(plain);
    expect(calls.filter((c) => c.startsWith('log '))).toEqual([]);
    // One commit missing (the merge that added content itself, where the walk has it): with few
    // missing, git diffs those alone (`log --no-walk`); with many (1 of 3), the log is streamed.
    const missing = ([...cache.map.values()].find((c) => c.commit.parents.length === 2) ?? [...cache.map.values()][0]!).commit.sha;
    cache.map.delete(missing);
    calls.length = 0;
    expect(await spied(() => events(cache, extra)), 'partial cache').toEqual(plain);
    expect(cache.map.has(missing)).toBe(true);
    const logs = calls.filter((c) => c.startsWith('log '));
    expect(logs).toEqual([extra.maxCount === undefined ? 'log --no-walk=unsorted' : 'log --root']);
  });

  it('a cache entry is what the log says of that commit (a merge: the content it added itself)', async () => {
    const cache = new MapCache();
    await events(cache);
    const merge = [...cache.map.values()].find((c) => c.commit.parents.length === 2)!;
    expect(merge.blobs.map((b) => b.path)).toEqual(['merge-only.txt']);
  });
});
