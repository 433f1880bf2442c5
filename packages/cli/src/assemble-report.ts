/** One place that turns a command's findings into a ScanReport: tool, run id, enabled rules, order. */
import { randomUUID } from 'node:crypto';
import { defaultRegexEngine, INFORMATION_URI, type Finding, type LeakguardConfig, type Notification, type ScanReport, type ScanStats } from '@leakguard/core';
import { compareFindingKeys, findingOrderKey } from './report-order.js';
import { enabledRules } from './run-scan.js';
import { PathNames } from './path-names.js';
import type { FileScanContext } from './scan-file.js';
import { VERSION } from './version.js';

export interface ReportParts {
  kind: ScanReport['kind'];
  category: string;
  findings: Finding[];
  notifications: Notification[];
  ctx: Pick<FileScanContext, 'engine' | 'scanners' | 'config' | 'allow' | 'ruleLookup'>;
  config: LeakguardConfig;
  stats: ScanStats;
  /** Names already scanned on the way (every scanned path); the report's own paths are added here. */
  pathNames?: PathNames;
}

/**
 * Findings in path/line order (history: the older commit first on ties), a total order
 * (report-order.ts). Every name on a reported path is scanned for secrets, and every path is masked
 * where a name holds one (path-names.ts).
 */
export function assembleReport<E extends object = object>(parts: ReportParts, extra?: E): ScanReport & E {
  const names = parts.pathNames ?? new PathNames(parts.ctx);
  for (const f of parts.findings) names.check(f.location.path);
  for (const n of parts.notifications) if (n.path) names.check(n.path);
  // Masked in place: a finding keeps its identity (history's shard record maps findings to walk
  // positions). Messages can quote a path too (a module source, a sibling file): masked as well.
  const masked = [...parts.findings, ...names.findings];
  for (const f of masked) {
    f.location.path = names.mask(f.location.path);
    f.message = names.mask(f.message);
  }
  const notifications = parts.notifications.map((n) => {
    const path = n.path === undefined ? undefined : names.mask(n.path);
    const message = names.mask(n.message);
    return path === n.path && message === n.message ? n : { ...n, message, ...(path === undefined ? {} : { path }) };
  });
  const keyed = masked.map((f) => ({ f, key: findingOrderKey(f) }));
  const findings = keyed.sort((a, b) => compareFindingKeys(a.key, b.key)).map((k) => k.f);
  return {
    tool: { name: 'leakguard', version: VERSION, informationUri: INFORMATION_URI, regexEngine: defaultRegexEngine() },
    kind: parts.kind,
    category: parts.category,
    runId: randomUUID(),
    findings,
    notifications,
    rules: enabledRules(parts.ctx.engine, parts.ctx.scanners, parts.config),
    stats: parts.stats,
    ...(extra as E),
  };
}
