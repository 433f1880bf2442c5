/**
 * What is staged: the index entries that differ from HEAD (added, copied, modified, renamed or
 * type-changed), with the object id of the staged content, so a scan reads the index, not the
 * working tree.
 */
import { shownName } from '@leakguard/core';
import { runGit } from './git.js';

export interface StagedFile {
  /** Path relative to the repository root. */
  path: string;
  /** Object id of the staged content. */
  oid: string;
  mode: string;
}

/** Staged files (optionally only those matching `pathspecs`), in git's order. */
export async function stagedFiles(repo: string, pathspecs: string[] = []): Promise<StagedFile[]> {
  // `git diff --cached --raw` gives the staged object id directly; before the first commit it
  // compares against the empty tree.
  const head = await runGit(repo, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { allowExitCodes: [1] });
  const against = head.code === 0 ? 'HEAD' : '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
  const { stdout } = await runGit(repo, ['diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--diff-filter=ACMRT', '--no-ext-diff', against, '--', ...pathspecs.map((p) => `:(literal)${p}`)]);
  // Paths that are not UTF-8 are shown with `\xNN` (their content is read by object id).
  const tokens: string[] = [];
  for (let start = 0, end = stdout.indexOf(0); end >= 0; start = end + 1, end = stdout.indexOf(0, start)) tokens.push(shownName(stdout.subarray(start, end)));
  const files: StagedFile[] = [];
  for (let i = 0; i + 1 < tokens.length; i += 2) {
    const raw = tokens[i]!.replace(/^\n+/, '');
    const path = tokens[i + 1]!;
    // ":<old mode> <new mode> <old id> <new id> <status>"
    const fields = raw.slice(1).split(' ');
    const mode = fields[1] ?? '';
    const oid = fields[3] ?? '';
    if (!/^1006[0-7]{2}$/.test(mode) || /^0+$/.test(oid)) continue;
    files.push({ path, oid, mode });
  }
  return files;
}
