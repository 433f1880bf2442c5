/**
 * The contract between the CLI and the scanners of each input kind. A scanner turns one file
 * into finding drafts and notifications; the CLI owns discovery, reading, workers and reports.
 */
import type { FindingDraft } from './build-findings.js';
import type { Notification } from './finding.js';
import type { RuleMeta } from './rule-meta.js';
import type { SecretEngine } from './secrets/engine.js';

export interface ScanInput {
  /** Path relative to the scan root, forward slashes. */
  path: string;
  text: string;
  /**
   * The file on disk, when it is one (not a git blob): lets a scanner read the files next to it
   * (a Terraform module's variables and locals). Absent in history scans and most tests.
   */
  absolutePath?: string;
}

export interface ScanContext {
  secrets: SecretEngine;
  /**
   * `--max-file-size` in bytes, for files a scanner reads itself (a module's siblings, always
   * through `readRegularFileSync`: no links, no special files, nothing larger).
   */
  maxFileBytes?: number;
}

export interface ScanOutput {
  drafts: FindingDraft[];
  notifications: Notification[];
  /**
   * True when this scanner already ran the secret engine over the whole text (so the CLI does not
   * run the plain-file secret pass again).
   */
  coversSecrets?: boolean;
}

export interface FileScanner {
  /** Short name, for messages and `--profile`. */
  readonly name: string;
  /** The rules this scanner can report (for SARIF `rules[]` and docs). */
  readonly rules: RuleMeta[];
  /**
   * True when a scan of a file on disk also reads the files next to it (`ScanInput.absolutePath`):
   * its result then depends on more than the file's own content, and `scan --cache` does not reuse it.
   */
  readonly readsNeighbours?: boolean;
  /** Loads what it needs once (a WASM grammar, say). */
  init?(): Promise<void>;
  /** Cheap decision from the path and, when needed, the content. */
  accepts(input: ScanInput): boolean;
  scan(input: ScanInput, context: ScanContext): ScanOutput | Promise<ScanOutput>;
}
