/** The result of one scan, as every reporter receives it. */
import type { Finding, Notification } from './finding.js';
import type { RuleMeta } from './rule-meta.js';

export interface ScanStats {
  filesScanned: number;
  bytesScanned: number;
  filesSkipped: number;
  durationMs: number;
}

export interface ScanReport {
  tool: { name: string; version: string; informationUri: string };
  /** `scan` or `history`: kept apart as GitHub code-scanning categories. */
  kind: 'scan' | 'history';
  /** Category for `runAutomationDetails.id` (`<category>/<run-id>`). */
  category: string;
  /** Unique per run; part of `runAutomationDetails.id`. */
  runId: string;
  findings: Finding[];
  notifications: Notification[];
  /** Every rule that was enabled for this run (reporters list them all, once). */
  rules: RuleMeta[];
  stats: ScanStats;
}
