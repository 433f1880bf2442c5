/**
 * Secrets in file and folder names. A name is pushed, listed and printed like any content, so each
 * folder and file name on a scanned path is scanned once with the catalog (the config's rules,
 * levels and `allow` apply), a secret found in one is a finding on that folder or file, and every
 * path in the report (findings and notifications, in every format) shows it masked.
 */
import { buildFindings, redactText, textLines, type Finding } from '@leakguard/core';
import { configuredDrafts, type FileScanContext } from './scan-file.js';

export class PathNames {
  /** Path prefixes (a folder or a file) whose last name was scanned. */
  private readonly seen = new Set<string>();
  private readonly secrets = new Set<string>();
  readonly findings: Finding[] = [];

  /** `report: false` (a shard other than the first) masks names but leaves their findings to shard 1. */
  constructor(
    private readonly ctx: Pick<FileScanContext, 'engine' | 'config' | 'allow' | 'ruleLookup'>,
    private readonly options: { report?: boolean } = {},
  ) {}

  /** Scans each name on `path` (forward slashes) not scanned before. */
  check(path: string): void {
    // Every folder above a scanned prefix was scanned with it: look back from the end for the
    // longest prefix already seen (a file's folder, usually) instead of slicing every prefix.
    if (this.seen.has(path)) return;
    let end = path.lastIndexOf('/');
    while (end > 0 && !this.seen.has(path.slice(0, end))) end = path.lastIndexOf('/', end - 1);
    // `end` is where the longest seen prefix ends (-1: none); the names after it are new.
    do {
      end = path.indexOf('/', end + 1);
      const prefix = end < 0 ? path : path.slice(0, end);
      this.seen.add(prefix);
      this.scanName(prefix, end >= 0);
    } while (end >= 0);
  }

  private scanName(prefix: string, isFolder: boolean): void {
    const name = prefix.slice(prefix.lastIndexOf('/') + 1);
    if (name === '' || name === '.' || name === '..') return;
    const lines = textLines(name);
    const drafts = configuredDrafts(this.ctx.engine.draftsFor(name), this.ctx, lines);
    if (drafts.length === 0) return;
    for (const d of drafts) {
      if (d.secret) this.secrets.add(d.secret);
      d.message = `${d.message} in a ${isFolder ? 'folder' : 'file'} name`;
    }
    // The finding sits on the name itself: its path is the folder or file, masked.
    if (this.options.report === false) return;
    this.findings.push(...buildFindings(this.mask(prefix), lines, drafts, this.ctx.ruleLookup));
  }

  /** True once some name held a secret (then `mask` changes the paths that show it). */
  get holdsSecrets(): boolean {
    return this.secrets.size > 0;
  }

  /** `path` with every secret found in a name replaced by its redacted preview. */
  mask(path: string): string {
    return this.secrets.size === 0 ? path : redactText(path, this.secrets);
  }
}
