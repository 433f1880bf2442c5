/**
 * `leakguard scan`: discover files, read and scan them, collect one report.
 */
import { availableParallelism } from 'node:os';
import {
  compileRegex,
  ruleSetting,
  SecretEngine,
  setSecretHashKey,
  type Finding,
  type LeakguardConfig,
  type Notification,
  type RuleMeta,
  type ScanReport,
} from '@leakguard/core';
import { discoverFiles, type DiscoveredFile } from './discover.js';
import type { Progress } from './progress.js';
import { scanFiles } from './pool/pool.js';
import type { FileScanContext } from './scan-file.js';
import { builtinScanners } from './scanners.js';
import { assembleReport } from './assemble-report.js';
import { PathNames } from './path-names.js';
import { sortNotifications } from './report-order.js';
import type { ShardedReport, ShardRun } from './shard/record.js';
import { shardOfFiles } from './shard/scan-shard.js';
import type { ShardSpec } from './shard/spec.js';
import { RunCache } from './cache/run-cache.js';

export interface ScanRequest {
  paths: string[];
  base: string;
  config: LeakguardConfig;
  maxFileSizeMb: number;
  category: string;
  progress: Progress;
  /** Worker threads (default: the number of cores); 1 scans in the main thread. */
  jobs?: number;
  /** Scan only this shard's part of the files (`--shard K/N`). */
  shard?: ShardSpec;
  /** `--cache`: the cache folder (absolute). */
  cache?: string;
}

/** Rules enabled by the config, from the engine and every scanner, each once. */
export function enabledRules(engine: SecretEngine, scanners: { rules: RuleMeta[] }[], config: LeakguardConfig): RuleMeta[] {
  const all = new Map<string, RuleMeta>();
  for (const rule of [...engine.rules, ...scanners.flatMap((s) => s.rules)]) all.set(rule.id, rule);
  return [...all.values()].filter((r) => ruleSetting(config, r.id) !== 'off');
}

export async function createScanContext(config: LeakguardConfig): Promise<FileScanContext> {
  // Every thread that builds findings hashes secrets under the run's key.
  setSecretHashKey(config.secretHashKey);
  const engine = new SecretEngine({ extraRules: config.customRules, enabled: (id) => ruleSetting(config, id) !== 'off' });
  const scanners = builtinScanners(); // each initialises on the first file it accepts (scan-file.ts)
  const rules = new Map(enabledRules(engine, scanners, config).map((r) => [r.id, r]));
  return {
    engine,
    scanners,
    config,
    allow: config.allow.map((p) => compileRegex(p, 'i')),
    ruleLookup: (id) => rules.get(id),
  };
}

export async function runScan(request: ScanRequest): Promise<ShardedReport> {
  const started = performance.now();
  const ctx = await createScanContext(request.config);
  const findings: Finding[] = [];
  const notifications: Notification[] = [];
  const notify = (n: Notification) => notifications.push(n);
  const stats = { filesScanned: 0, bytesScanned: 0, filesSkipped: 0, durationMs: 0 };
  const maxBytes = Math.floor(request.maxFileSizeMb * 1048576);

  // Every shard walks the whole tree; what the walk itself reports, shard 1 alone reports.
  const quiet = request.shard !== undefined && request.shard.index !== 1;
  // Every shard scans every name it walks (to mask them); shard 1 alone reports what names hold.
  const pathNames = new PathNames(ctx, { report: !quiet });
  const discovered = discoverFiles(request.paths, { base: request.base, exclude: request.config.exclude, notify: quiet ? () => undefined : notify });
  async function* named(): AsyncGenerator<DiscoveredFile> {
    for await (const file of discovered) {
      pathNames.check(file.path);
      yield file;
    }
  }
  let files: AsyncIterable<DiscoveredFile> = named();
  let shard: ShardRun | undefined;
  if (request.shard) ({ files, run: shard } = await shardOfFiles(files, request.shard, maxBytes));
  const cache = request.cache === undefined ? undefined : RunCache.open(request.cache, 'file', request.config, maxBytes);
  await scanFiles(files, {
    ...(cache ? { cache: cache.store } : {}),
    jobs: request.jobs ?? availableParallelism(),
    config: request.config,
    maxBytes,
    ctx,
    onResult: (result) => {
      for (const f of result.findings) findings.push(f);
      for (const n of result.notifications) notifications.push(n);
      stats.filesScanned += result.filesScanned;
      stats.bytesScanned += result.bytesScanned;
      stats.filesSkipped += result.filesSkipped;
      for (const [key, json] of result.cacheAdded ?? []) cache?.add(key, json);
      request.progress.tick(stats.filesScanned, stats.bytesScanned);
    },
  });
  request.progress.done();
  // Every name was scanned by now: an entry quoting a secret in one is left out (cache/entries.ts).
  if (cache) notifications.push(...cache.finish(pathNames.holdsSecrets ? (t) => pathNames.mask(t) : undefined));
  stats.durationMs = performance.now() - started;
  sortNotifications(notifications);
  const report = assembleReport({ kind: 'scan', category: request.category, findings, notifications, ctx, config: request.config, stats, pathNames });
  return shard ? { ...report, shard } : report;
}
