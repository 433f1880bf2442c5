/**
 * The JSON report: a stable format for scripts (documented in docs/json-format.md).
 * `formatVersion` changes only when a field changes meaning or disappears.
 */
import type { Finding, Level, Notification } from '../finding.js';
import type { ScanReport } from '../report.js';

export const JSON_FORMAT_VERSION = 1;

export interface JsonReport {
  formatVersion: number;
  tool: { name: string; version: string; regexEngine: 're2' | 'js' };
  kind: 'scan' | 'history';
  summary: {
    findings: number;
    byLevel: Record<Level, number>;
    filesScanned: number;
    bytesScanned: number;
    filesSkipped: number;
    notifications: number;
    durationMs: number;
  };
  findings: Finding[];
  notifications: Notification[];
}

export function countByLevel(findings: Finding[]): Record<Level, number> {
  const counts: Record<Level, number> = { error: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.level]++;
  return counts;
}

export function toJsonReport(report: ScanReport): JsonReport {
  return {
    formatVersion: JSON_FORMAT_VERSION,
    tool: { name: report.tool.name, version: report.tool.version, regexEngine: report.tool.regexEngine },
    kind: report.kind,
    summary: {
      findings: report.findings.length,
      byLevel: countByLevel(report.findings),
      filesScanned: report.stats.filesScanned,
      bytesScanned: report.stats.bytesScanned,
      filesSkipped: report.stats.filesSkipped,
      notifications: report.notifications.length,
      durationMs: Math.round(report.stats.durationMs),
    },
    findings: report.findings,
    notifications: report.notifications,
  };
}
