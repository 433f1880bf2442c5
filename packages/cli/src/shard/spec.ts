/**
 * `--shard K/N`: which part of the work this run does. Every shard computes the same partition on
 * its own (no coordinator), from nothing but the inputs, so N CI jobs cover the work exactly once.
 */
import { createHash } from 'node:crypto';

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

/** At most this many shards: far more than any CI matrix runs, and it keeps the plan small. */
export const MAX_SHARDS = 1024;

/** "K/N" with 1 ≤ K ≤ N ≤ MAX_SHARDS, or an error message. */
export function parseShard(text: string): ShardSpec | string {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text);
  if (!m) return `--shard takes K/N (this job's number and the number of jobs, e.g. 2/8), not "${text}"`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS) return `--shard: N must be 1 to ${MAX_SHARDS}`;
  if (index < 1 || index > count) return `--shard: K must be 1 to N (${count}), not ${index}`;
  return { index, count };
}

/** A stable 32-bit hash of a string (the first bytes of its SHA-256): the same on every machine. */
export function stableHash(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/**
 * The shard (0-based) that scans a git blob. Blob ids are content hashes, so the owner depends on
 * the content alone: runners whose clones differ (a branch pushed between two jobs' checkouts)
 * still agree on every blob they both see.
 */
export function blobOwner(oid: string, count: number): number {
  return stableHash(oid) % count;
}
