/**
 * One merge for both formats: checks the set, combines findings and notifications (combine.ts),
 * sums the counts, rebuilds history's closing notes from the summed counts, applies a baseline,
 * and hands the parts to the format's writer (sarif.ts, json.ts).
 */
import type { Level, Notification, ScanStats } from '@leakguard/core';
import { baselineNote } from '../baseline.js';
import type { NotificationOrderKey } from '../report-order.js';
import { historySummaryNotes, type BlobFacts } from '../history/summary.js';
import { checkShardSet } from './check-set.js';
import { mergeFindings, sortedNotifications, type FindingView } from './combine.js';
import { MergeError, type ShardReport } from './shard-report.js';

export interface FormatAdapter<R extends ShardReport, F, N> {
  findings(r: R): F[];
  notifications(r: R): N[];
  finding: FindingView<F>;
  notificationKey(n: N): NotificationOrderKey;
  /** Whether the notification says an input was not read, parsed or fully analysed (core's isInputFailure). */
  inputFailure(n: N): boolean;
  /** The text a notification shows (to recognise history's closing notes). */
  notificationMessage(n: N): string;
  fromNotification(n: Notification): N;
  /** The merged report as the unsharded run writes it. */
  write(first: R, parts: { findings: F[]; notifications: N[]; stats: ScanStats }): string;
}

export interface MergedReport {
  text: string;
  findingLevels: Level[];
  /** Notifications of inputs not read, parsed or fully analysed: what --strict turns into exit 2. */
  inputFailures: number;
}

export interface MergeBaseline {
  file: string;
  fingerprints: Set<string>;
}

export function mergeReports<R extends ShardReport, F, N>(reports: R[], format: FormatAdapter<R, F, N>, baseline?: MergeBaseline): MergedReport {
  checkShardSet(reports);
  const ordered = [...reports].sort((a, b) => a.shard.index - b.shard.index);
  const first = ordered[0]!;
  const kind = first.shard.kind;
  const stats: ScanStats = { filesScanned: 0, bytesScanned: 0, filesSkipped: 0, durationMs: 0 };
  const blobs: BlobFacts = { binaryBlobs: 0, largeBlobs: 0, filesScanned: 0, bytesScanned: 0 };
  let notifications: N[] = [];
  for (const r of ordered) {
    stats.filesScanned += r.shard.stats.filesScanned;
    stats.bytesScanned += r.shard.stats.bytesScanned;
    stats.filesSkipped += r.shard.stats.filesSkipped;
    // The shards ran side by side: the run took as long as the slowest.
    stats.durationMs = Math.max(stats.durationMs, r.shard.stats.durationMs);
    let own = format.notifications(r);
    if (kind === 'history') {
      for (const k of Object.keys(blobs) as (keyof BlobFacts)[]) blobs[k] += r.shard.blobs![k];
      // Each shard closed with notes on its own counts: drop them, the merged counts replace them.
      const closing = historySummaryNotes(r.shard.walk!, r.shard.blobs!);
      const tail = own.slice(own.length - closing.length);
      if (tail.length !== closing.length || tail.some((n, i) => format.notificationMessage(n) !== closing[i]!.message)) {
        throw new MergeError(`${r.file}: its notifications do not end with its history summary (edited?)`);
      }
      own = own.slice(0, own.length - closing.length);
    }
    notifications.push(...own);
  }
  notifications = sortedNotifications(notifications, (n) => format.notificationKey(n));
  if (kind === 'history') notifications.push(...historySummaryNotes(first.shard.walk!, blobs).map((n) => format.fromNotification(n)));

  let findings = mergeFindings(
    kind,
    ordered.map((r) => {
      const part: { findings: F[]; walkOrder?: number[] } = { findings: format.findings(r) };
      if (r.shard.walkOrder) part.walkOrder = r.shard.walkOrder;
      return part;
    }),
    format.finding,
  );
  if (baseline) {
    const kept = findings.filter((f) => !baseline.fingerprints.has(format.finding.fingerprint(f)));
    if (kept.length < findings.length) notifications.push(format.fromNotification(baselineNote(findings.length - kept.length, baseline.file)));
    findings = kept;
  }
  return {
    text: format.write(first, { findings, notifications, stats }),
    findingLevels: findings.map((f) => format.finding.level(f)),
    inputFailures: notifications.filter((n) => format.inputFailure(n)).length,
  };
}
