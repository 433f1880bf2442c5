/**
 * What a shard's report records about itself, so that `leakguard merge` can check a set of shards
 * and rebuild the unsharded report: K/N, the category, the rule set and the input it partitioned,
 * the counts to sum, and (history) each finding's place in the walk. JSON reports carry it as
 * `shard`, SARIF as the run's `properties["leakguard/shard"]`; an unsharded report has none.
 */
import { createHash } from 'node:crypto';
import type { Finding, RuleMeta, ScanReport } from '@leakguard/core';
import type { BlobFacts, WalkFacts } from '../history/summary.js';
import type { ShardSpec } from './spec.js';

export const SARIF_SHARD_PROPERTY = 'leakguard/shard';

/** What a sharded run adds to its report in memory. */
export interface ShardRun {
  spec: ShardSpec;
  /** Digest of the partitioned input (scan: every path and size; history: every commit and blob). */
  input: string;
  /** scan: bytes planned for each shard. */
  bytesPerShard?: number[];
  /** history: the walk's counts (the same in every shard) and this shard's blob counts. */
  walk?: WalkFacts;
  blobs?: BlobFacts;
  /** history: the walk position of the blob each finding came from (the earliest wins in a merge). */
  walkOrder?: Map<Finding, number>;
}

export type ShardedReport = ScanReport & { shard?: ShardRun };

export interface ShardRecord {
  index: number;
  count: number;
  kind: ScanReport['kind'];
  category: string;
  toolVersion: string;
  /** SHA-256 of the enabled rules' metadata: shards with different rule sets are not merged. */
  rules: string;
  input: string;
  stats: ScanReport['stats'];
  bytesPerShard?: number[];
  walk?: WalkFacts;
  blobs?: BlobFacts;
  /** One entry per finding of the report, in its order. */
  walkOrder?: number[];
}

export function rulesDigest(rules: RuleMeta[]): string {
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

/** The record of a sharded report (after any filtering of its findings), or undefined. */
export function shardRecord(report: ShardedReport): ShardRecord | undefined {
  const run = report.shard;
  if (!run) return undefined;
  const record: ShardRecord = {
    index: run.spec.index,
    count: run.spec.count,
    kind: report.kind,
    category: report.category,
    toolVersion: report.tool.version,
    rules: rulesDigest(report.rules),
    input: run.input,
    stats: { ...report.stats, durationMs: Math.round(report.stats.durationMs) },
  };
  if (run.bytesPerShard) record.bytesPerShard = run.bytesPerShard;
  if (run.walk) record.walk = run.walk;
  if (run.blobs) record.blobs = run.blobs;
  if (run.walkOrder) {
    const order = run.walkOrder;
    record.walkOrder = report.findings.map((f) => {
      // A finding on a file or folder name (path-names.ts, shard 1 only) has no blob: after every blob.
      return order.get(f) ?? Number.MAX_SAFE_INTEGER;
    });
  }
  return record;
}
