/**
 * The order of findings and notifications in every report, as a total order on what the report
 * shows: a scan, its shards merged (`merge/`), and any --jobs give the same sequence, never one
 * that depends on which thread or shard answered first.
 */
import type { Finding, Notification } from '@leakguard/core';

/** What a finding is ordered by; the merge reads the same fields back from SARIF or JSON. */
export interface FindingOrderKey {
  path: string;
  startLine: number;
  startColumn: number;
  ruleId: string;
  commitDate: string;
  commitSha: string;
  fingerprint: string;
  lineHash: string;
  message: string;
}

export function findingOrderKey(f: Finding): FindingOrderKey {
  return {
    path: f.location.path,
    startLine: f.location.startLine,
    startColumn: f.location.startColumn,
    ruleId: f.ruleId,
    commitDate: f.commit?.date ?? '',
    commitSha: f.commit?.sha ?? '',
    fingerprint: f.fingerprint,
    lineHash: f.lineHash,
    message: f.message,
  };
}

const text = (a: string, b: string) => (a === b ? 0 : a.localeCompare(b) || (a < b ? -1 : 1));

/** Path and line order (core's compareFindings), then the older commit, then stable ids. */
export function compareFindingKeys(a: FindingOrderKey, b: FindingOrderKey): number {
  return (
    text(a.path, b.path) ||
    a.startLine - b.startLine ||
    a.startColumn - b.startColumn ||
    text(a.ruleId, b.ruleId) ||
    text(a.commitDate, b.commitDate) ||
    text(a.commitSha, b.commitSha) ||
    text(a.fingerprint, b.fingerprint) ||
    text(a.lineHash, b.lineHash) ||
    text(a.message, b.message)
  );
}

export interface NotificationOrderKey {
  path: string;
  message: string;
  kind: string;
  level: string;
  line: number;
  column: number;
}

export function notificationOrderKey(n: Notification): NotificationOrderKey {
  return { path: n.path ?? '', message: n.message, kind: n.kind, level: n.level, line: n.line ?? 0, column: n.column ?? 0 };
}

/** By path, then message (notes without a path first), then the rest. */
export function compareNotificationKeys(a: NotificationOrderKey, b: NotificationOrderKey): number {
  return text(a.path, b.path) || text(a.message, b.message) || text(a.kind, b.kind) || text(a.level, b.level) || a.line - b.line || a.column - b.column;
}

export function sortNotifications(notifications: Notification[]): Notification[] {
  return notifications.sort((a, b) => compareNotificationKeys(notificationOrderKey(a), notificationOrderKey(b)));
}
