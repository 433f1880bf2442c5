/** Reading and writing SARIF for the merge: one run, the shards' rules once, results re-sorted. */
import { randomUUID } from 'node:crypto';
import type * as Sarif from './sarif-types.js';
import { FINGERPRINT_KEY, isInputFailure, sarifNotification, type Level, type NotificationKind } from '@leakguard/core';
import { SARIF_SHARD_PROPERTY } from '../shard/record.js';
import type { FormatAdapter } from './merge-reports.js';
import type { ShardReport } from './shard-report.js';

type SarifShard = Extract<ShardReport, { format: 'sarif' }>;

/** The path a URI was written from (reporters/sarif.ts percent-encodes each segment). */
function pathOf(location: Sarif.Location | undefined): string {
  const uri = location?.physicalLocation?.artifactLocation?.uri;
  return uri === undefined ? '' : uri.split('/').map((s: string) => decodeURIComponent(s)).join('/');
}

const prop = (r: Sarif.Result, name: string): unknown => r.properties?.[name];
const str = (value: unknown) => (typeof value === 'string' ? value : '');

export const sarifFormat: FormatAdapter<SarifShard, Sarif.Result, Sarif.Notification> = {
  findings: (r) => r.run.results!,
  notifications: (r) => r.run.invocations![0]!.toolExecutionNotifications!,
  finding: {
    orderKey: (r) => {
      const region = r.locations?.[0]?.physicalLocation?.region;
      return {
        path: pathOf(r.locations?.[0]),
        startLine: region?.startLine ?? 0,
        startColumn: region?.startColumn ?? 0,
        ruleId: r.ruleId ?? '',
        commitDate: str(prop(r, 'commitDate')),
        commitSha: str(prop(r, 'commitSha')),
        fingerprint: r.partialFingerprints?.[FINGERPRINT_KEY] ?? '',
        lineHash: r.partialFingerprints?.primaryLocationLineHash ?? '',
        message: r.message?.text ?? '',
      };
    },
    historyKey: (r) => {
      const secret = prop(r, 'secretHash');
      return typeof secret === 'string' ? `${r.ruleId}\0${secret}` : `${r.ruleId}\0fp:${r.partialFingerprints?.[FINGERPRINT_KEY] ?? ''}`;
    },
    presentAtHead: (r) => prop(r, 'presentAtHead') === true,
    setPresentAtHead: (r, value) => {
      if (r.properties && 'presentAtHead' in r.properties) r.properties.presentAtHead = value;
    },
    level: (r) => (r.level ?? 'warning') as Level,
    fingerprint: (r) => r.partialFingerprints?.[FINGERPRINT_KEY] ?? '',
  },
  notificationKey: (n) => {
    const region = n.locations?.[0]?.physicalLocation?.region;
    return { path: pathOf(n.locations?.[0]), message: n.message?.text ?? '', kind: n.descriptor?.id ?? '', level: n.level ?? 'warning', line: region?.startLine ?? 0, column: region?.startColumn ?? 0 };
  },
  inputFailure: (n) => isInputFailure({ kind: (n.descriptor?.id ?? '') as NotificationKind, level: (n.level ?? 'warning') as Level }),
  notificationMessage: (n) => n.message?.text ?? '',
  fromNotification: sarifNotification,
  write: (first, { findings, notifications }) => {
    const run: Sarif.Run = structuredClone(first.run);
    const { [SARIF_SHARD_PROPERTY]: _record, ...properties } = run.properties ?? {};
    if (Object.keys(properties).length > 0) run.properties = properties;
    else delete run.properties;
    // The category stays; the run is a new one.
    run.automationDetails = { ...run.automationDetails, id: `${first.shard.category}/${randomUUID()}` };
    const invocation = run.invocations![0]!;
    invocation.executionSuccessful = !notifications.some((n) => sarifFormat.inputFailure(n));
    invocation.toolExecutionNotifications = notifications;
    run.results = findings;
    return JSON.stringify({ ...first.log, runs: [run] }, null, 2) + '\n';
  },
};
