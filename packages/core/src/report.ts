/** The result of one scan, as every reporter receives it. */
import type { Finding, Notification } from './finding.js';
import type { RuleMeta } from './rule-meta.js';
import type { RegexEngineName } from './secrets/regex.js';

export interface ScanStats {
  filesScanned: number;
  bytesScanned: number;
  filesSkipped: number;
  durationMs: number;
}

export interface ScanReport {
  /** `regexEngine`: which engine ran the patterns (`js` when the optional re2 addon is missing or did not load). */
  tool: { name: string; version: string; informationUri: string; regexEngine: RegexEngineName };
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
