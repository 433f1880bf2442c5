/** Reads one shard's report for `leakguard merge`: JSON or SARIF, with the record `--shard` wrote. */
import { readFile } from 'node:fs/promises';
import type * as Sarif from './sarif-types.js';
import type { JsonReport } from '@leakguard/core';
import { SARIF_SHARD_PROPERTY, type ShardRecord } from '../shard/record.js';

/** A merge refused or impossible: exit code 2, with a message naming the file and the reason. */
export class MergeError extends Error {}

export type ShardReport =
  | { file: string; format: 'sarif'; log: Sarif.Log; run: Sarif.Run; shard: ShardRecord }
  | { file: string; format: 'json'; report: JsonReport; shard: ShardRecord };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every named field is a finite number. */
function counts(value: object, names: string[]): boolean {
  return names.every((n) => Number.isFinite((value as Record<string, unknown>)[n]));
}

/** The fields the merge relies on, checked so a foreign or edited file is refused, not misread. */
function checkRecord(file: string, value: unknown): ShardRecord {
  const r = value as ShardRecord;
  const ok =
    isObject(value) &&
    Number.isInteger(r.index) &&
    Number.isInteger(r.count) &&
    r.index >= 1 &&
    r.index <= r.count &&
    (r.kind === 'scan' || r.kind === 'history') &&
    typeof r.category === 'string' &&
    typeof r.toolVersion === 'string' &&
    typeof r.rules === 'string' &&
    typeof r.input === 'string' &&
    isObject(r.stats) &&
    counts(r.stats, ['filesScanned', 'bytesScanned', 'filesSkipped', 'durationMs']) &&
    (r.kind === 'scan' ||
      (isObject(r.walk) &&
        counts(r.walk, ['commits', 'blobs', 'excludedPaths']) &&
        Array.isArray(r.walk.revisions) &&
        r.walk.revisions.every((v) => typeof v === 'string') &&
        isObject(r.blobs) &&
        counts(r.blobs, ['binaryBlobs', 'largeBlobs', 'filesScanned', 'bytesScanned']) &&
        Array.isArray(r.walkOrder) &&
        r.walkOrder.every((n) => Number.isInteger(n))));
  if (!ok) throw new MergeError(`${file}: its shard record is incomplete (not written by leakguard --shard, or edited)`);
  return r;
}

export async function readShardReport(file: string): Promise<ShardReport> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MergeError(`${file}: ${code ? `cannot read (${code})` : 'not JSON'}`);
  }
  if (!isObject(parsed)) throw new MergeError(`${file}: not a leakguard JSON or SARIF report`);
  const notSharded = `${file}: not a shard's report (write one with leakguard scan or history --shard K/N)`;
  if (parsed.version === '2.1.0' && Array.isArray(parsed.runs)) {
    const log = parsed as unknown as Sarif.Log;
    if (log.runs.length !== 1 || log.runs[0]!.tool?.driver?.name !== 'leakguard') throw new MergeError(`${file}: not a leakguard SARIF report (one leakguard run expected)`);
    const run = log.runs[0]!;
    const record = run.properties?.[SARIF_SHARD_PROPERTY];
    if (record === undefined) throw new MergeError(notSharded);
    if (!Array.isArray(run.results) || !Array.isArray(run.invocations?.[0]?.toolExecutionNotifications)) throw new MergeError(`${file}: a SARIF run without results or notifications`);
    return { file, format: 'sarif', log, run, shard: checkRecord(file, record) };
  }
  if (typeof parsed.formatVersion === 'number' && Array.isArray(parsed.findings) && Array.isArray(parsed.notifications)) {
    if (parsed.shard === undefined) throw new MergeError(notSharded);
    return { file, format: 'json', report: parsed as unknown as JsonReport, shard: checkRecord(file, parsed.shard) };
  }
  throw new MergeError(`${file}: not a leakguard JSON or SARIF report`);
}
