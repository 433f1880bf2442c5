/**
 * Turns a scanner's drafts (which may hold a secret in clear, inside the scanning process only)
 * into Findings that are safe to report: secret hashed, every secret on a line masked in the
 * snippet and the message, fingerprints and line hashes computed once, here.
 */
import type { Finding, Level, Region } from './finding.js';
import { findingFingerprint, lineContentHash, secretHash } from './hashing.js';
import { maskRandomTokens, redactSecret, redactText } from './redact.js';
import { levelForSeverity, type RuleMeta } from './rule-meta.js';
import { textLines, type SourceLines } from './source-lines.js';

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

const MAX_SNIPPET = 200;
/** Lines longer than this (minified code) are cut around the finding before redaction. */
const LONG_LINE = 2000;

/**
 * Where each secret is written, line by line: a finding's region (its value as written: a quoted
 * literal, a `!Join`, an interpolated template, a folded block). Masking these columns covers a
 * secret the source spells differently from its evaluated value, which a search for the value
 * would miss; a region that spans lines masks the rest of its first line and all of the others.
 */
function secretSpans(drafts: FindingDraft[]): Map<number, [number, number][]> {
  const spans = new Map<number, [number, number][]>();
  for (const d of drafts) {
    if (!d.secret) continue;
    const r = d.region;
    for (let n = r.startLine; n <= r.endLine; n++) {
      const from = n === r.startLine ? r.startColumn - 1 : 0;
      const to = n === r.endLine ? r.endColumn - 1 : Number.MAX_SAFE_INTEGER;
      if (to <= from) continue;
      const list = spans.get(n) ?? [];
      list.push([from, to]);
      spans.set(n, list);
    }
  }
  return spans;
}

/** `line` (starting at column `lineStart` of its file line) with each span replaced by its redacted preview. */
function maskSpans(line: string, lineStart: number, spans: [number, number][] | undefined): string {
  if (!spans) return line;
  // Merged, then applied right to left so earlier columns stay valid.
  const merged: [number, number][] = [];
  for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0])) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  let out = line;
  for (let i = merged.length - 1; i >= 0; i--) {
    const from = Math.max(0, merged[i]![0] - lineStart);
    const to = Math.min(out.length, merged[i]![1] - lineStart);
    if (to > from) out = out.slice(0, from) + redactSecret(out.slice(from, to)) + out.slice(to);
  }
  return out;
}

/**
 * `source` is the file's text, or its lines (see source-lines.ts: a large file need not be decoded
 * whole). Regions in the drafts are in lines and UTF-16 columns.
 */
export function buildFindings(path: string, source: string | SourceLines, drafts: FindingDraft[], rules: RuleLookup): Finding[] {
  if (drafts.length === 0) return [];
  const lines = typeof source === 'string' ? textLines(source) : source;
  const secrets = [...new Set(drafts.map((d) => d.secret).filter((s): s is string => !!s))];
  // Secrets that span lines (private keys) are masked line by line too.
  const secretPieces = new Set<string>();
  for (const s of secrets) {
    secretPieces.add(s);
    for (const piece of s.split(/\r?\n/)) if (piece.trim().length >= 8) secretPieces.add(piece.trim());
  }
  const pieces = [...secretPieces].sort((a, b) => b.length - a.length);
  const spans = secretSpans(drafts);
  // How far a cut can move to keep secrets whole: the excerpt read around a finding includes it.
  const reach = pieces.reduce((sum, p) => sum + p.length, 0);
  const redactedLines = new Map<string, string>();
  const redactedLine = (n: number, column: number): string => {
    // A minified bundle's line can be a megabyte: keep only the part around the finding. The cut
    // falls between tokens and never inside a known secret, so no part of a secret or of a
    // random-looking token is left unmasked at its edges.
    const length = lines.lineLength(n);
    const long = length > LONG_LINE;
    const key = long ? `${n}:${column}` : `${n}`;
    let cached = redactedLines.get(key);
    if (cached === undefined) {
      let line: string;
      let lineStart = 0; // the column (0-based) where `line` starts in the file's line
      if (!long) line = lines.line(n) ?? '';
      else {
        // Only this part of the line is read: the cut below never looks further.
        const at = Math.min(length, Math.max(0, column - 1));
        const base = Math.max(0, at - 480 - reach);
        const raw = lines.lineSlice(n, base, at + MAX_SNIPPET + 400 + reach);
        const end = base + raw.length; // the excerpt's end, in line columns
        const char = (i: number) => raw[i - base]!;
        const slice = (a: number, b: number) => raw.slice(Math.max(0, a - base), Math.max(0, b - base));
        let from = Math.max(0, at - 80);
        let to = Math.min(length, at + MAX_SNIPPET);
        while (from > 0 && from > at - 400 && /[A-Za-z0-9+/=_\-.~]/.test(char(from - 1))) from--;
        while (to < end && to < at + MAX_SNIPPET + 400 && /[A-Za-z0-9+/=_\-.~]/.test(char(to))) to++;
        // A known secret that straddles a cut is kept whole, so that it is masked whole.
        for (const p of pieces) {
          const left = Math.max(0, from - p.length + 1);
          const l = slice(left, from + p.length - 1).indexOf(p);
          if (l >= 0) from = Math.min(from, left + l);
          const right = Math.max(0, to - p.length + 1);
          const r = slice(right, to + p.length - 1).indexOf(p);
          if (r >= 0) to = Math.max(to, right + r + p.length);
        }
        line = slice(from, to);
        lineStart = from;
      }
      cached = maskRandomTokens(redactText(maskSpans(line, lineStart, spans.get(n)), pieces));
      redactedLines.set(key, cached);
    }
    return cached;
  };
  const occurrences = new Map<string, number>();
  const findings: Finding[] = [];
  for (const draft of drafts) {
    const rule = rules(draft.ruleId);
    const level = draft.level ?? (rule ? levelForSeverity(rule.severity) : 'warning');
    const line = redactedLine(draft.region.startLine, draft.region.startColumn);
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
