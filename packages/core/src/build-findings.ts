/**
 * Turns a scanner's drafts (which may hold a secret in clear, inside the scanning process only)
 * into Findings that are safe to report: secret hashed, every secret on a line masked in the
 * snippet and the message, fingerprints and line hashes computed once, here.
 */
import type { Finding, Level, Region } from './finding.js';
import { findingFingerprint, lineContentHash, secretHash } from './hashing.js';
import { maskRandomTokens, redactSecret, redactText } from './redact.js';
import { levelForSeverity, type RuleMeta } from './rule-meta.js';

export interface FindingDraft {
  ruleId: string;
  message: string;
  region: Region;
  /** The secret value in clear, when the finding is about one. Never leaves this module. */
  secret?: string;
  /**
   * For findings without a secret (IAM, rotation, ...): what the finding is about, stable across
   * edits (for example `aws_iam_policy.admin/statement[0]/Action`). Defaults to the line content.
   */
  subject?: string;
  /** Overrides the level the rule's severity gives. */
  level?: Level;
  properties?: Record<string, string | number | boolean>;
}

export type RuleLookup = (ruleId: string) => RuleMeta | undefined;

/** Splits text into lines, keeping offsets of each line start. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineAt(text: string, starts: number[], line: number): string {
  const begin = starts[line - 1] ?? text.length;
  const next = starts[line];
  return text.slice(begin, next === undefined ? text.length : next - 1).replace(/\r$/, '');
}

const MAX_SNIPPET = 200;

export function buildFindings(path: string, text: string, drafts: FindingDraft[], rules: RuleLookup): Finding[] {
  if (drafts.length === 0) return [];
  const starts = lineStarts(text);
  const secrets = [...new Set(drafts.map((d) => d.secret).filter((s): s is string => !!s))];
  // Secrets that span lines (private keys) are masked line by line too.
  const secretPieces = new Set<string>();
  for (const s of secrets) {
    secretPieces.add(s);
    for (const piece of s.split(/\r?\n/)) if (piece.trim().length >= 8) secretPieces.add(piece.trim());
  }
  const pieces = [...secretPieces].sort((a, b) => b.length - a.length);
  const redactedLines = new Map<number, string>();
  const redactedLine = (n: number): string => {
    let cached = redactedLines.get(n);
    if (cached === undefined) {
      cached = maskRandomTokens(redactText(lineAt(text, starts, n), pieces));
      redactedLines.set(n, cached);
    }
    return cached;
  };
  const occurrences = new Map<string, number>();
  const findings: Finding[] = [];
  for (const draft of drafts) {
    const rule = rules(draft.ruleId);
    const level = draft.level ?? (rule ? levelForSeverity(rule.severity) : 'warning');
    const line = redactedLine(draft.region.startLine);
    const trimmed = line.trim();
    const snippet = trimmed.length > MAX_SNIPPET ? trimmed.slice(0, MAX_SNIPPET - 1) + '…' : trimmed;
    const hash = draft.secret ? secretHash(draft.secret) : undefined;
    const subject = hash ?? draft.subject ?? trimmed;
    const occKey = `${draft.ruleId}\0${trimmed}`;
    const occurrence = (occurrences.get(occKey) ?? 0) + 1;
    occurrences.set(occKey, occurrence);
    const finding: Finding = {
      ruleId: draft.ruleId,
      level,
      message: redactText(draft.message, pieces),
      location: { path, ...draft.region },
      fingerprint: findingFingerprint(draft.ruleId, subject, path),
      lineHash: lineContentHash(`${draft.ruleId}\0${trimmed}`, occurrence),
      snippet,
    };
    if (draft.secret && hash) finding.secret = { hash, redacted: redactSecret(draft.secret) };
    if (draft.properties) finding.properties = draft.properties;
    findings.push(finding);
  }
  return findings;
}

/** Line and column (1-based) of a character offset. */
export function positionAt(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/** The region covering [start, end) offsets. */
export function regionOf(starts: number[], start: number, end: number): Region {
  const a = positionAt(starts, start);
  const b = positionAt(starts, end);
  return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
}
