/** Reading and writing the JSON report for the merge: findings re-sorted, the summary recounted. */
import { countByLevel, isInputFailure, type Finding, type JsonReport, type Notification } from '@leakguard/core';
import { historyKey } from '../history/run-history.js';
import { findingOrderKey, notificationOrderKey } from '../report-order.js';
import type { FormatAdapter } from './merge-reports.js';
import type { ShardReport } from './shard-report.js';

type JsonShard = Extract<ShardReport, { format: 'json' }>;

export const jsonFormat: FormatAdapter<JsonShard, Finding, Notification> = {
  findings: (r) => r.report.findings,
  notifications: (r) => r.report.notifications,
  finding: {
    orderKey: findingOrderKey,
    historyKey,
    presentAtHead: (f) => f.commit?.presentAtHead === true,
    setPresentAtHead: (f, value) => {
      if (f.commit) f.commit.presentAtHead = value;
    },
    level: (f) => f.level,
    fingerprint: (f) => f.fingerprint,
  },
  notificationKey: notificationOrderKey,
  inputFailure: (n) => isInputFailure(n),
  notificationMessage: (n) => n.message,
  fromNotification: (n) => n,
  write: (first, { findings, notifications, stats }) => {
    const { shard: _record, ...head } = first.report as JsonReport & { shard?: unknown };
    const report: JsonReport = {
      ...head,
      summary: {
        findings: findings.length,
        byLevel: countByLevel(findings),
        filesScanned: stats.filesScanned,
        bytesScanned: stats.bytesScanned,
        filesSkipped: stats.filesSkipped,
        notifications: notifications.length,
        durationMs: Math.round(stats.durationMs),
      },
      findings,
      notifications,
    };
    return JSON.stringify(report, null, 2) + '\n';
  },
};
