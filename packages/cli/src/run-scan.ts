/**
 * `leakguard scan`: discover files, read and scan them, collect one report.
 */
import { randomUUID } from 'node:crypto';
import {
  compareFindings,
  compileRegex,
  INFORMATION_URI,
  ruleSetting,
  SecretEngine,
  type Finding,
  type LeakguardConfig,
  type Notification,
  type RuleMeta,
  type ScanReport,
} from '@leakguard/core';
import { discoverFiles } from './discover.js';
import type { Progress } from './progress.js';
import { readInput } from './read-input.js';
import { scanFileText, type FileScanContext } from './scan-file.js';
import { builtinScanners } from './scanners.js';
import { VERSION } from './version.js';

export interface ScanRequest {
  paths: string[];
  base: string;
  config: LeakguardConfig;
  maxFileSizeMb: number;
  category: string;
  progress: Progress;
}

/** Rules enabled by the config, from the engine and every scanner, each once. */
export function enabledRules(engine: SecretEngine, scanners: { rules: RuleMeta[] }[], config: LeakguardConfig): RuleMeta[] {
  const all = new Map<string, RuleMeta>();
  for (const rule of [...engine.rules, ...scanners.flatMap((s) => s.rules)]) all.set(rule.id, rule);
  return [...all.values()].filter((r) => ruleSetting(config, r.id) !== 'off');
}

export async function createScanContext(config: LeakguardConfig): Promise<FileScanContext> {
  const engine = new SecretEngine({ extraRules: config.customRules, enabled: (id) => ruleSetting(config, id) !== 'off' });
  const scanners = builtinScanners();
  for (const scanner of scanners) await scanner.init?.();
  const rules = new Map(enabledRules(engine, scanners, config).map((r) => [r.id, r]));
  return {
    engine,
    scanners,
    config,
    allow: config.allow.map((p) => compileRegex(p, 'i')),
    ruleLookup: (id) => rules.get(id),
  };
}

const READ_AHEAD = 16;

export async function runScan(request: ScanRequest): Promise<ScanReport> {
  const started = performance.now();
  const ctx = await createScanContext(request.config);
  const findings: Finding[] = [];
  const notifications: Notification[] = [];
  const notify = (n: Notification) => notifications.push(n);
  const stats = { filesScanned: 0, bytesScanned: 0, filesSkipped: 0, durationMs: 0 };
  const maxBytes = Math.floor(request.maxFileSizeMb * 1048576);

  const inFlight = new Set<Promise<void>>();
  for await (const file of discoverFiles(request.paths, { base: request.base, exclude: request.config.exclude, notify })) {
    const job = (async () => {
      const read = await readInput(file.absolute, file.path, maxBytes);
      if ('skipped' in read) {
        stats.filesSkipped++;
        notify(read.skipped);
        return;
      }
      const result = await scanFileText(file.path, read.text, ctx, file.absolute);
      findings.push(...result.findings);
      notifications.push(...result.notifications);
      stats.filesScanned++;
      stats.bytesScanned += read.bytes;
      request.progress.tick(stats.filesScanned, stats.bytesScanned);
    })();
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
    if (inFlight.size >= READ_AHEAD) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  request.progress.done();
  stats.durationMs = performance.now() - started;
  findings.sort(compareFindings);
  notifications.sort((a, b) => (a.path ?? '').localeCompare(b.path ?? '') || a.message.localeCompare(b.message));
  return {
    tool: { name: 'leakguard', version: VERSION, informationUri: INFORMATION_URI },
    kind: 'scan',
    category: request.category,
    runId: randomUUID(),
    findings,
    notifications,
    rules: enabledRules(ctx.engine, ctx.scanners, request.config),
    stats,
  };
}
