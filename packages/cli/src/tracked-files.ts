/**
 * The files git tracks in the work tree around a scan root. A tracked file is pushed with the
 * repository whatever `.gitignore` says (it was added with `git add -f`, or before the ignore rule),
 * so discovery scans it even where `.gitignore` matches; folders on the way to one are entered.
 * Listed once per repository, and only when some ignore rule matched (a clean tree never pays).
 */
import { join } from 'node:path';
import { GitError, runGit } from '@leakguard/scanner-git';

export interface TrackedFiles {
  files: Set<string>;
  /** Every folder that holds a tracked file, at any depth. */
  dirs: Set<string>;
}

/** Tracked files of the work tree whose top is `top` (absolute paths), or why they could not be listed. */
export async function listTrackedFiles(top: string): Promise<TrackedFiles | { error: string }> {
  let stdout: Buffer;
  try {
    ({ stdout } = await runGit(top, ['ls-files', '-z', '--cached', '--full-name']));
  } catch (error) {
    return { error: error instanceof GitError ? error.message : String(error) };
  }
  const files = new Set<string>();
  const dirs = new Set<string>();
  for (const rel of stdout.toString('utf8').split('\0')) {
    if (rel === '') continue;
    const abs = join(top, rel);
    files.add(abs);
    for (let cut = rel.lastIndexOf('/'); cut > 0; cut = rel.lastIndexOf('/', cut - 1)) {
      const dir = join(top, rel.slice(0, cut));
      if (dirs.has(dir)) break;
      dirs.add(dir);
    }
  }
  return { files, dirs };
}
