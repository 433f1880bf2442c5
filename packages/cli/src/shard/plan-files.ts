/**
 * The file partition of `scan --shard K/N`: every shard discovers and sizes every file, then all
 * compute the same assignment, largest files first, each to the shard with the fewest bytes so far
 * (ties: fewer files, then the lower shard). That greedy keeps any two shards within the size of
 * the largest file of each other (when a file lands on a shard, that shard was the lightest).
 * Files of equal size are ordered by a stable hash of their path, then the path. A file that cannot
 * be sized goes by the hash of its path alone; its read error is reported by the shard that owns it.
 */
import { createHash } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import type { DiscoveredFile } from '../discover.js';
import { stableHash, type ShardSpec } from './spec.js';

export interface FilePlan {
  /** This shard's files, in discovery order. */
  files: DiscoveredFile[];
  /** Bytes planned for each shard (sizes as stat saw them; oversize files count as 0, they are not read). */
  bytesPerShard: number[];
  /** SHA-256 of every (path, size) the plan saw: shards that saw different trees cannot be merged. */
  inputDigest: string;
}

/** Concurrent stat calls while sizing. */
const STAT_CONCURRENCY = 64;

async function sizes(files: DiscoveredFile[]): Promise<(number | undefined)[]> {
  const out: (number | undefined)[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      try {
        const info = await lstat(files[i]!.absolute);
        out[i] = info.isFile() ? info.size : undefined;
      } catch {
        out[i] = undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(STAT_CONCURRENCY, files.length) }, worker));
  return out;
}

export async function planFiles(all: DiscoveredFile[], spec: ShardSpec, maxBytes: number): Promise<FilePlan> {
  const size = await sizes(all);
  const digest = createHash('sha256');
  all.forEach((f, i) => digest.update(`${f.path}\0${size[i] ?? -1}\n`));
  const owner = new Array<number>(all.length);
  const sized: { i: number; weight: number; hash: number }[] = [];
  all.forEach((f, i) => {
    const s = size[i];
    if (s === undefined) owner[i] = stableHash(f.path) % spec.count;
    else sized.push({ i, weight: s > maxBytes ? 0 : s, hash: stableHash(f.path) });
  });
  sized.sort((a, b) => b.weight - a.weight || a.hash - b.hash || (all[a.i]!.path < all[b.i]!.path ? -1 : 1));
  const heap = new LightestShard(spec.count);
  for (const item of sized) owner[item.i] = heap.take(item.weight);
  return { files: all.filter((_, i) => owner[i] === spec.index - 1), bytesPerShard: heap.bytes, inputDigest: digest.digest('hex') };
}

/** A binary min-heap of shards by (bytes, files, index): `take` gives the lightest shard a file. */
class LightestShard {
  readonly bytes: number[];
  private readonly files: number[];
  private readonly heap: number[];

  constructor(count: number) {
    this.bytes = new Array<number>(count).fill(0);
    this.files = new Array<number>(count).fill(0);
    this.heap = Array.from({ length: count }, (_, i) => i);
  }

  private less(a: number, b: number): boolean {
    return this.bytes[a]! < this.bytes[b]! || (this.bytes[a] === this.bytes[b] && (this.files[a]! < this.files[b]! || (this.files[a] === this.files[b] && a < b)));
  }

  take(weight: number): number {
    const shard = this.heap[0]!;
    this.bytes[shard]! += weight;
    this.files[shard]!++;
    // The root only grew: sift it down.
    const h = this.heap;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
    return shard;
  }
}
