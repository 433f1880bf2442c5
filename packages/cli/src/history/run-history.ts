/**
 * `leakguard history [REPO]`: every commit reachable from every ref (or one branch, or a range),
 * each unique blob scanned once through the same per-file scan as `leakguard scan` (so IaC files
 * in history get the infrastructure checks too), each finding attributed to the commit that
 * introduced it. A secret is reported once per rule, where and when it first appeared; later
 * copies, renames and edits that keep it do not repeat it. `presentAtHead` says whether it is
 * still anywhere in HEAD's tree (the branch tip with --branch).
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import ignore from 'ignore';
import {
  compareFindings,
  INFORMATION_URI,
  type Finding,
  type LeakguardConfig,
  type Notification,
  type ScanReport,
} from '@leakguard/core';
import { walkHistory, type CommitInfo } from '@leakguard/scanner-git';
import type { Progress } from '../progress.js';
import { looksBinary } from '../read-input.js';
import { createScanContext, enabledRules } from '../run-scan.js';
import { scanFileText } from '../scan-file.js';
import { VERSION } from '../version.js';

export interface HistoryRequest {
  /** Repository path, relative to `base`. */
  repo: string;
  base: string;
  config: LeakguardConfig;
  branch?: string;
  since?: string;
  maxCount?: number;
  maxFileSizeMb: number;
  category: string;
  progress: Progress;
}

export interface HistoryStats {
  commits: number;
  blobs: number;
  binaryBlobs: number;
  largeBlobs: number;
  excludedPaths: number;
}

/** The key under which a finding counts once in history: the secret (per rule), else the fingerprint. */
function historyKey(f: Finding): string {
  return f.secret ? `${f.ruleId}\0${f.secret.hash}` : `${f.ruleId}\0fp:${f.fingerprint}`;
}

export async function runHistory(request: HistoryRequest): Promise<ScanReport & { history: HistoryStats }> {
  const started = performance.now();
  const repo = resolve(request.base, request.repo);
  const ctx = await createScanContext(request.config);
  const exclude = request.config.exclude.length > 0 ? ignore().add(request.config.exclude) : undefined;
  const maxBytes = Math.floor(request.maxFileSizeMb * 1048576);
  const options: Parameters<typeof walkHistory>[0] = { repo, maxBlobBytes: maxBytes };
  if (exclude) options.skipPath = (p) => exclude.ignores(p);
  if (request.branch !== undefined) options.branch = request.branch;
  if (request.since !== undefined) options.since = request.since;
  if (request.maxCount !== undefined) options.maxCount = request.maxCount;
  // Every git problem (not a repository, a bad revision) throws a GitError here: exit 2.
  const walk = await walkHistory(options);

  const findings = new Map<string, Finding>();
  const atHead = new Set<string>();
  const notifications: Notification[] = [];
  const stats = { filesScanned: 0, bytesScanned: 0, filesSkipped: 0, durationMs: 0 };
  const history: HistoryStats = { commits: 0, blobs: 0, binaryBlobs: 0, largeBlobs: 0, excludedPaths: 0 };
  const excludedSeen = new Set<string>();

  if (walk.info.shallow) {
    notifications.push({
      kind: 'git',
      level: 'warning',
      message:
        'shallow clone: commits before the shallow boundary were not scanned, and findings in the boundary commits may be older than the commit named. Fetch the whole history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout) for a complete scan.',
    });
  }

  for await (const event of walk.events) {
    if (event.kind === 'commit') {
      history.commits++;
      continue;
    }
    if (event.kind === 'skipped') {
      if (event.reason === 'large') {
        history.largeBlobs++;
        stats.filesSkipped++;
        notifications.push({
          kind: 'skipped-large',
          level: 'note',
          message: `skipped in commit ${event.commit.sha.slice(0, 12)}: ${((event.size ?? 0) / 1048576).toFixed(1)} MB is over --max-file-size`,
          path: event.path,
        });
      } else if (!excludedSeen.has(event.path)) {
        excludedSeen.add(event.path);
        history.excludedPaths++;
      }
      continue;
    }
    const { blob } = event;
    history.blobs++;
    if (looksBinary(blob.data)) {
      history.binaryBlobs++;
      stats.filesSkipped++;
      continue;
    }
    const text = blob.data.toString('utf8');
    const result = await scanFileText(blob.path, text, ctx);
    stats.filesScanned++;
    stats.bytesScanned += blob.data.length;
    request.progress.tick(stats.filesScanned, stats.bytesScanned);
    for (const n of result.notifications) {
      notifications.push({ ...n, message: `in commit ${blob.commit.sha.slice(0, 12)}: ${n.message}` });
    }
    const inHead = walk.headBlobs.has(blob.oid);
    for (const finding of result.findings) {
      const key = historyKey(finding);
      if (inHead) atHead.add(key);
      if (findings.has(key)) continue;
      finding.commit = provenance(blob.commit);
      findings.set(key, finding);
    }
  }
  request.progress.done();

  for (const [key, finding] of findings) finding.commit!.presentAtHead = atHead.has(key);
  if (history.binaryBlobs > 0) {
    notifications.push({ kind: 'skipped-binary', level: 'note', message: `skipped ${history.binaryBlobs} binary blobs` });
  }
  if (history.excludedPaths > 0) {
    notifications.push({ kind: 'config', level: 'note', message: `skipped ${history.excludedPaths} paths matched by the config's exclude` });
  }
  if (history.commits === 0) {
    notifications.push({ kind: 'git', level: 'note', message: 'no commits to scan (an empty repository or an empty range)' });
  }
  notifications.push({
    kind: 'git',
    level: 'note',
    message: `walked ${history.commits} commits (${walk.revisions.join(' ')}${request.maxCount ? `, at most ${request.maxCount}` : ''}), scanned ${stats.filesScanned} unique blobs (${(stats.bytesScanned / 1048576).toFixed(1)} MB)`,
  });
  stats.durationMs = performance.now() - started;
  const list = [...findings.values()].sort((a, b) => compareFindings(a, b) || a.commit!.date.localeCompare(b.commit!.date));
  return {
    tool: { name: 'leakguard', version: VERSION, informationUri: INFORMATION_URI },
    kind: 'history',
    category: request.category,
    runId: randomUUID(),
    findings: list,
    notifications,
    rules: enabledRules(ctx.engine, ctx.scanners, request.config),
    stats,
    history,
  };
}

function provenance(commit: CommitInfo): NonNullable<Finding['commit']> {
  const p: NonNullable<Finding['commit']> = { sha: commit.sha, author: commit.author, date: commit.date, presentAtHead: false };
  if (commit.email) p.email = commit.email;
  return p;
}
