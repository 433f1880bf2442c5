/** `scan --shard K/N`: the whole discovery, sized and planned, narrowed to this shard's files. */
import type { DiscoveredFile } from '../discover.js';
import { planFiles } from './plan-files.js';
import type { ShardRun } from './record.js';
import type { ShardSpec } from './spec.js';

async function* each<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

export async function shardOfFiles(discovered: AsyncIterable<DiscoveredFile>, spec: ShardSpec, maxBytes: number): Promise<{ files: AsyncIterable<DiscoveredFile>; run: ShardRun }> {
  const all: DiscoveredFile[] = [];
  for await (const file of discovered) all.push(file);
  const plan = await planFiles(all, spec, maxBytes);
  return { files: each(plan.files), run: { spec, input: plan.inputDigest, bytesPerShard: plan.bytesPerShard } };
}
