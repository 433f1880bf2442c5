/**
 * The finding model shared by every scanner, the ESLint plugin's bridge and the reporters.
 * A finding never carries a secret in clear: only its hash and a redacted preview.
 */

/** SARIF result levels; `none` is never produced. */
export type Level = 'error' | 'warning' | 'note';

/** A region in a file. Lines and columns are 1-based; columns count UTF-16 code units (SARIF's default). */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  /** Exclusive end column, as in SARIF. */
  endColumn: number;
}

export interface Location extends Region {
  /** Path relative to the scan root, with forward slashes. */
  path: string;
}

/** What a finding says about the secret it saw, without the secret itself. */
export interface SecretInfo {
  /** Hex SHA-256 of the secret value. Used for fingerprints and baselines. */
  hash: string;
  /** A preview safe to print (a short prefix at most, never the whole value). */
  redacted: string;
}

/** Where in git history a finding came from (history scans only). */
export interface CommitProvenance {
  sha: string;
  author: string;
  email?: string;
  /** ISO 8601 date of the commit. */
  date: string;
  /** False when the secret no longer exists at HEAD. */
  presentAtHead: boolean;
}

export interface Finding {
  ruleId: string;
  level: Level;
  /** Human message. Must not contain a secret value. */
  message: string;
  location: Location;
  secret?: SecretInfo;
  commit?: CommitProvenance;
  /** Stable fingerprint: a hash of (rule, secret or subject, path); never of lines or commits. */
  fingerprint: string;
  /** Line-content hash for GitHub's `primaryLocationLineHash` ("<hex>:<occurrence>"). */
  lineHash: string;
  /** A redacted copy of the offending line, safe to print. */
  snippet?: string;
  /** Extra facts for reporters (for example the IAM action that was judged). Never secret values. */
  properties?: Record<string, string | number | boolean>;
}

export type NotificationKind =
  | 'read-error'
  | 'parse-error'
  | 'skipped-binary'
  | 'skipped-large'
  /** A bound was hit (a resolved value too large, too much work, nesting too deep): the input was not fully analysed. */
  | 'limit'
  | 'config'
  | 'git'
  | 'internal';

/** Something about an input that was not a finding: it could not be read, parsed, or was skipped. */
export interface Notification {
  kind: NotificationKind;
  level: Level;
  message: string;
  path?: string;
  line?: number;
  column?: number;
}

/**
 * True when the notification says an input could not be read, parsed or fully analysed: what
 * `--strict` turns into exit 2 (a skipped binary or oversize file is a choice, not a failure).
 */
export function isInputFailure(n: Pick<Notification, 'kind' | 'level'>): boolean {
  return n.level === 'error' || n.kind === 'read-error' || n.kind === 'parse-error' || n.kind === 'limit';
}

const LEVEL_RANK: Record<Level, number> = { note: 1, warning: 2, error: 3 };

/** True when `level` is at or above `threshold`. */
export function levelAtLeast(level: Level, threshold: Level): boolean {
  return LEVEL_RANK[level] >= LEVEL_RANK[threshold];
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.location.path.localeCompare(b.location.path) ||
    a.location.startLine - b.location.startLine ||
    a.location.startColumn - b.location.startColumn ||
    a.ruleId.localeCompare(b.ruleId)
  );
}
