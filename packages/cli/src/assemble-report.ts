/** One place that turns a command's findings into a ScanReport: tool, run id, enabled rules, order. */
import { randomUUID } from 'node:crypto';
import { defaultRegexEngine, INFORMATION_URI, type Finding, type LeakguardConfig, type Notification, type ScanReport, type ScanStats } from '@leakguard/core';
import { compareFindingKeys, findingOrderKey } from './report-order.js';
import { enabledRules } from './run-scan.js';
import type { FileScanContext } from './scan-file.js';
import { VERSION } from './version.js';

export interface ReportParts {
  kind: ScanReport['kind'];
  category: string;
  findings: Finding[];
  notifications: Notification[];
  ctx: Pick<FileScanContext, 'engine' | 'scanners'>;
  config: LeakguardConfig;
  stats: ScanStats;
}

/** Findings in path/line order (history: the older commit first on ties), a total order (report-order.ts). */
export function assembleReport<E extends object = object>(parts: ReportParts, extra?: E): ScanReport & E {
  const keyed = parts.findings.map((f) => ({ f, key: findingOrderKey(f) }));
  const findings = keyed.sort((a, b) => compareFindingKeys(a.key, b.key)).map((k) => k.f);
  return {
    tool: { name: 'leakguard', version: VERSION, informationUri: INFORMATION_URI, regexEngine: defaultRegexEngine() },
    kind: parts.kind,
    category: parts.category,
    runId: randomUUID(),
    findings,
    notifications: parts.notifications,
    rules: enabledRules(parts.ctx.engine, parts.ctx.scanners, parts.config),
    stats: parts.stats,
    ...(extra as E),
  };
}
