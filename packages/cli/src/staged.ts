/**
 * `leakguard scan --staged`: scans what `git commit` would record (the index), not the working
 * tree, so a pre-commit hook judges exactly the content being committed. Paths are relative to the
 * repository's top; paths given on the command line (relative to the current folder) narrow it.
 */
import ignore from 'ignore';
import { type Finding, type LeakguardConfig, type Notification, type ScanReport } from '@leakguard/core';
import { CatFileBatch, repoInfo, stagedFiles } from '@leakguard/scanner-git';
import type { Progress } from './progress.js';
import { looksBinary } from './read-input.js';
import { createScanContext } from './run-scan.js';
import { scanFileBytes } from './scan-file.js';
import { assembleReport } from './assemble-report.js';
import { keyStoreFindings } from './key-store-files.js';
import { PathNames } from './path-names.js';

export interface StagedRequest {
  /** The current folder: inside the repository. */
  base: string;
  /** Pathspecs relative to `base` (empty: everything staged). */
  paths: string[];
  config: LeakguardConfig;
  maxFileSizeMb: number;
  category: string;
  progress: Progress;
}

export async function runStagedScan(request: StagedRequest): Promise<ScanReport> {
  const started = performance.now();
  // Not a repository is a GitError: exit 2, never a silent clean result.
  await repoInfo(request.base);
  const files = await stagedFiles(request.base, request.paths.filter((p) => p !== '.'));
  const ctx = await createScanContext(request.config);
  const exclude = request.config.exclude.length > 0 ? ignore().add(request.config.exclude) : undefined;
  const maxBytes = Math.floor(request.maxFileSizeMb * 1048576);
  const findings: Finding[] = [];
  const notifications: Notification[] = [];
  const stats = { filesScanned: 0, bytesScanned: 0, filesSkipped: 0, durationMs: 0 };
  const wanted = files.filter((f) => !exclude?.ignores(f.path));
  if (wanted.length > 0) {
    const batch = new CatFileBatch(request.base, maxBytes);
    try {
      // Every read is requested at once; git answers in order while we scan.
      const reads = wanted.map((f) => batch.read(f.oid));
      for (const r of reads) r.catch(() => undefined);
      for (let i = 0; i < wanted.length; i++) {
        const file = wanted[i]!;
        const object = await reads[i]!;
        if (object.skipped) {
          stats.filesSkipped++;
          notifications.push({ kind: 'skipped-large', level: 'note', message: `skipped: ${(object.size / 1048576).toFixed(1)} MB is over --max-file-size`, path: file.path });
          continue;
        }
        if (looksBinary(object.data)) {
          stats.filesSkipped++;
          notifications.push({ kind: 'skipped-binary', level: 'note', message: 'skipped: binary file', path: file.path });
          findings.push(...keyStoreFindings(file.path, object.data, object.data.length, ctx));
          continue;
        }
        const result = await scanFileBytes(file.path, object.data, ctx);
        findings.push(...result.findings);
        notifications.push(...result.notifications);
        stats.filesScanned++;
        stats.bytesScanned += object.data.length;
        request.progress.tick(stats.filesScanned, stats.bytesScanned);
      }
    } finally {
      await batch.close();
    }
  }
  request.progress.done();
  stats.durationMs = performance.now() - started;
  const pathNames = new PathNames(ctx);
  for (const file of wanted) pathNames.check(file.path);
  return assembleReport({ kind: 'scan', category: request.category, findings, notifications, ctx, config: request.config, stats, pathNames });
}
