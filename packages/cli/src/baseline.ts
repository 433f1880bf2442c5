/**
 * Baselines: a file of the fingerprints of accepted findings. A fingerprint is a hash of
 * (rule, secret hash or subject, path), never of a line or a commit, so edits around a finding,
 * rebases and squashes keep it. The file holds no secret, not even its hash: only rule id, path
 * and fingerprint, so it can be committed. Secret hashes are keyed (core/hashing.ts): the file
 * keeps the random salt they were made with, and every run that reads it hashes with the same salt.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { Finding, Notification, ScanReport } from '@leakguard/core';

export const BASELINE_VERSION = 2;

export interface BaselineEntry {
  ruleId: string;
  path: string;
  fingerprint: string;
}

export interface BaselineFile {
  leakguardBaseline: number;
  /** How the fingerprints were made; informative. */
  key: string;
  /** The random per-repository salt of secret hashes (64 hex digits). */
  hashSalt: string;
  entries: BaselineEntry[];
}

export interface Baseline {
  fingerprints: Set<string>;
  hashSalt: string;
}

export class BaselineError extends Error {}

/** A fresh salt for a new baseline. */
export function newHashSalt(): string {
  return randomBytes(32).toString('hex');
}

export function baselineOf(findings: Finding[], hashSalt: string): BaselineFile {
  const entries = new Map<string, BaselineEntry>();
  for (const f of findings) entries.set(f.fingerprint, { ruleId: f.ruleId, path: f.location.path, fingerprint: f.fingerprint });
  return {
    leakguardBaseline: BASELINE_VERSION,
    key: 'sha256(rule, hmac-sha256(key(LEAKGUARD_HASH_KEY, hashSalt), secret) or subject, path)',
    hashSalt,
    entries: [...entries.values()].sort((a, b) => a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint)),
  };
}

export async function writeBaseline(file: string, findings: Finding[], hashSalt: string): Promise<number> {
  const baseline = baselineOf(findings, hashSalt);
  try {
    await writeFile(file, JSON.stringify(baseline, null, 2) + '\n', 'utf8');
  } catch (error) {
    throw new BaselineError(`${file}: cannot write the baseline (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return baseline.entries.length;
}

/** The salt of an existing baseline at `file`, to keep when it is written again; undefined when there is none to keep. */
export async function existingHashSalt(file: string): Promise<string | undefined> {
  try {
    return (await readBaseline(file)).hashSalt;
  } catch {
    return undefined;
  }
}

/** The fingerprints and salt of a baseline file; a missing, malformed or old file is a BaselineError (exit 2). */
export async function readBaseline(file: string): Promise<Baseline> {
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
  if (doc.leakguardBaseline === 1) {
    throw new BaselineError(
      `${file}: a version 1 baseline: its fingerprints cover unkeyed secret hashes, which a wordlist can reverse, and no longer match; write it again with --write-baseline (on a tree where the accepted findings are still present), then delete the old file from the repository history if it matters`,
    );
  }
  if (doc.leakguardBaseline !== BASELINE_VERSION) throw new BaselineError(`${file}: baseline version ${String(doc.leakguardBaseline)} is not supported (expected ${BASELINE_VERSION})`);
  if (typeof doc.hashSalt !== 'string' || !/^[0-9a-f]{64}$/.test(doc.hashSalt)) throw new BaselineError(`${file}: "hashSalt" must be 64 hex digits`);
  const set = new Set<string>();
  doc.entries.forEach((e, i) => {
    if (!e || typeof e.fingerprint !== 'string' || !/^[0-9a-f]{32}$/.test(e.fingerprint)) {
      throw new BaselineError(`${file}: entries[${i}] needs a "fingerprint" of 32 hex digits`);
    }
    set.add(e.fingerprint);
  });
  return { fingerprints: set, hashSalt: doc.hashSalt };
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
