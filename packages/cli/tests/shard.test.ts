/** `--shard K/N`: the spec, the file plan (every file once, bytes balanced) and the blob split. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiscoveredFile } from '../src/discover.js';
import { planFiles } from '../src/shard/plan-files.js';
import { blobOwner, parseShard } from '../src/shard/spec.js';

describe('parseShard', () => {
  it.each([
    ['1/1', { index: 1, count: 1 }],
    ['2/8', { index: 2, count: 8 }],
    ['8/8', { index: 8, count: 8 }],
    ['1024/1024', { index: 1024, count: 1024 }],
  ])('%s is shard %o', (text, spec) => expect(parseShard(text)).toEqual(spec));

  it.each([
    ['0/4', /K must be 1 to N/],
    ['5/4', /K must be 1 to N/],
    ['1/0', /N must be 1 to/],
    ['1/2000', /N must be 1 to 1024/],
    ['1 / 2', /takes K\/N/],
    ['2', /takes K\/N/],
    ['-1/2', /takes K\/N/],
    ['1/2/3', /takes K\/N/],
    ['', /takes K\/N/],
  ])('"%s" is refused', (text, message) => {
    const parsed = parseShard(text);
    expect(typeof parsed).toBe('string');
    expect(parsed).toMatch(message);
  });
});

/** Files of the given sizes on disk, as discovery would list them. */
function files(sizes: number[]): DiscoveredFile[] {
  const root = mkdtempSync(join(tmpdir(), 'leakguard-plan-'));
  mkdirSync(join(root, 'd'));
  return sizes.map((size, i) => {
    const path = `d/f${i}.txt`;
    writeFileSync(join(root, path), 'x'.repeat(size));
    return { absolute: join(root, path), path };
  });
}

/** A seeded spread of sizes: mostly small, a few large. */
function sizes(count: number, seed: number): number[] {
  let x = seed;
  return Array.from({ length: count }, () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return Math.floor((x / 2 ** 32) ** 4 * 50_000);
  });
}

describe('planFiles', () => {
  const cases: [string, number[], number][] = [
    ['one file, 3 shards (two get nothing)', [1000], 3],
    ['equal sizes', Array(12).fill(100), 5],
    ['empty files only', Array(7).fill(0), 3],
    ['one giant and many small', [90_000, ...Array(40).fill(500)], 4],
    ['seeded spread, 2 shards', sizes(200, 1), 2],
    ['seeded spread, 3 shards', sizes(200, 2), 3],
    ['seeded spread, 8 shards', sizes(300, 3), 8],
    ['more shards than files', [5, 10, 15], 8],
  ];
  it.each(cases)('%s: every file in exactly one shard, any two shards within the largest file', async (_, sizeList, n) => {
    const all = files(sizeList);
    const plans = await Promise.all(Array.from({ length: n }, (_, k) => planFiles(all, { index: k + 1, count: n }, 1 << 30)));
    const owners = all.map((f) => plans.filter((p) => p.files.includes(f)).length);
    expect(owners.every((c) => c === 1)).toBe(true);
    // Every shard computed the same plan on its own.
    for (const p of plans) {
      expect(p.bytesPerShard).toEqual(plans[0]!.bytesPerShard);
      expect(p.inputDigest).toBe(plans[0]!.inputDigest);
    }
    const bytes = plans.map((p) => p.files.reduce((sum, f) => sum + sizeList[all.indexOf(f)]!, 0));
    expect(bytes).toEqual(plans[0]!.bytesPerShard);
    expect(Math.max(...bytes) - Math.min(...bytes)).toBeLessThanOrEqual(Math.max(...sizeList));
    // Discovery order is kept within a shard.
    for (const p of plans) expect(p.files).toEqual(all.filter((f) => p.files.includes(f)));
  });

  it('weighs a file over the size limit as nothing (it is not read) and a file that vanished by its path', async () => {
    const all = files([100, 100, 5000]);
    all.push({ absolute: join(all[0]!.absolute, '..', 'gone.txt'), path: 'd/gone.txt' });
    const plan = await planFiles(all, { index: 1, count: 2 }, 1000);
    expect(plan.bytesPerShard.reduce((a, b) => a + b, 0)).toBe(200);
    const other = await planFiles(all, { index: 2, count: 2 }, 1000);
    expect([...plan.files, ...other.files].map((f) => f.path).sort()).toEqual(all.map((f) => f.path).sort());
  });

  it('a different tree (one size changed) has a different input digest', async () => {
    const a = files([10, 20, 30]);
    const b = files([10, 20, 31]);
    const digest = async (list: DiscoveredFile[]) => (await planFiles(list, { index: 1, count: 2 }, 1 << 30)).inputDigest;
    expect(await digest(a)).not.toBe(await digest(b));
  });
});

describe('blobOwner', () => {
  it('depends on the blob id alone and spreads ids evenly', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => i.toString(16).padStart(40, '0'));
    for (const n of [1, 2, 3, 8]) {
      const counts = new Array<number>(n).fill(0);
      for (const id of ids) counts[blobOwner(id, n)]!++;
      for (const c of counts) expect(Math.abs(c - ids.length / n)).toBeLessThan(5 * Math.sqrt(ids.length / n));
    }
    expect(blobOwner(ids[7]!, 8)).toBe(blobOwner(ids[7]!, 8));
  });
});
