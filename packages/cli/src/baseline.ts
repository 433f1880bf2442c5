/**
 * Baselines: a file of the fingerprints of accepted findings. A fingerprint is a hash of
 * (rule, secret hash or subject, path), never of a line or a commit, so edits around a finding,
 * rebases and squashes keep it. The file holds no secret, not even its hash: only rule id, path
 * and fingerprint, so it can be committed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Finding, Notification, ScanReport } from '@leakguard/core';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  ruleId: string;
  path: string;
  fingerprint: string;
}

export interface BaselineFile {
  leakguardBaseline: number;
  /** How the fingerprints were made; informative. */
  key: string;
  entries: BaselineEntry[];
}

export class BaselineError extends Error {}

export function baselineOf(findings: Finding[]): BaselineFile {
  const entries = new Map<string, BaselineEntry>();
  for (const f of findings) entries.set(f.fingerprint, { ruleId: f.ruleId, path: f.location.path, fingerprint: f.fingerprint });
  return {
    leakguardBaseline: BASELINE_VERSION,
    key: 'sha256(rule, secret hash or subject, path)',
    entries: [...entries.values()].sort((a, b) => a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint)),
  };
}

export async function writeBaseline(file: string, findings: Finding[]): Promise<number> {
  const baseline = baselineOf(findings);
  try {
    await writeFile(file, JSON.stringify(baseline, null, 2) + '\n', 'utf8');
  } catch (error) {
    throw new BaselineError(`${file}: cannot write the baseline (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return baseline.entries.length;
}

/** The fingerprints in a baseline file; a missing or malformed file is a BaselineError (exit 2). */
export async function readBaseline(file: string): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new BaselineError(`${file}: cannot read the baseline (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BaselineError(`${file}: not a leakguard baseline (not valid JSON)`);
  }
  const doc = raw as Partial<BaselineFile> | null;
  if (!doc || typeof doc !== 'object' || doc.leakguardBaseline === undefined || !Array.isArray(doc.entries)) {
    throw new BaselineError(`${file}: not a leakguard baseline (expected "leakguardBaseline" and "entries"; write one with --write-baseline)`);
  }
  if (doc.leakguardBaseline !== BASELINE_VERSION) throw new BaselineError(`${file}: baseline version ${String(doc.leakguardBaseline)} is not supported (expected ${BASELINE_VERSION})`);
  const set = new Set<string>();
  doc.entries.forEach((e, i) => {
    if (!e || typeof e.fingerprint !== 'string' || !/^[0-9a-f]{32}$/.test(e.fingerprint)) {
      throw new BaselineError(`${file}: entries[${i}] needs a "fingerprint" of 32 hex digits`);
    }
    set.add(e.fingerprint);
  });
  return set;
}

/** Drops the findings recorded in the baseline; says how many with a note. */
export function applyBaseline<R extends ScanReport>(report: R, fingerprints: Set<string>, file: string): R {
  const kept = report.findings.filter((f) => !fingerprints.has(f.fingerprint));
  const dropped = report.findings.length - kept.length;
  const notifications = dropped > 0 ? [...report.notifications, baselineNote(dropped, file)] : report.notifications;
  return { ...report, findings: kept, notifications };
}

/** The note that says how many findings a baseline kept out (a run's, or a merge's). */
export function baselineNote(dropped: number, file: string): Notification {
  return { kind: 'config', level: 'note', message: `${dropped} findings recorded in the baseline ${file} not reported` };
}
