/**
 * The history walk's use of the cache: each commit's changes (parents, author, the blobs it
 * introduced and their paths) by commit id, in the `walk` namespace, which depends on the code
 * alone (a commit id fixes what git reports for it; shallow clones do not use it, see walk.ts).
 */
import type { CommitCache, CommitChanges } from '@leakguard/scanner-git';
import { PathNames } from '../path-names.js';
import type { FileScanContext } from '../scan-file.js';
import type { RunCache } from '../cache/run-cache.js';

/** A commit as one flat JSON array of strings (parents, author, email, date, then oid, path, mode per blob): quick to parse. */
function encodeCommit({ commit, blobs }: CommitChanges): string {
  const flat = [commit.parents.join(' '), commit.author, commit.email, commit.date];
  for (const b of blobs) flat.push(b.oid, b.path, b.mode);
  return JSON.stringify(flat);
}

function decodeCommit(sha: string, value: string): CommitChanges | undefined {
  let flat: unknown;
  try {
    flat = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!Array.isArray(flat) || flat.length < 4 || (flat.length - 4) % 3 !== 0 || !flat.every((x) => typeof x === 'string')) return undefined;
  const [parents, author, email, date] = flat as string[];
  const changes: CommitChanges = { commit: { sha, parents: parents ? parents.split(' ') : [], author: author!, email: email!, date: date! }, blobs: [] };
  for (let i = 4; i < flat.length; i += 3) changes.blobs.push({ oid: flat[i] as string, path: flat[i + 1] as string, mode: flat[i + 2] as string });
  return changes;
}

export function commitCacheOf(cache: RunCache): CommitCache {
  return {
    get(sha) {
      const hit = cache.get(sha);
      return hit === undefined ? undefined : decodeCommit(sha, hit);
    },
    put(changes) {
      cache.add(changes.commit.sha, encodeCommit(changes));
    },
  };
}

/**
 * A commit's changes name every path it touched, including paths whose content was met before and
 * so was never scanned as a name: the names of the commits to be written are checked here (nothing
 * is reported), and the mask is returned when one held a secret (that commit is then not written).
 */
export function walkEntriesMask(cache: RunCache, ctx: Pick<FileScanContext, 'engine' | 'config' | 'allow' | 'ruleLookup'>): ((text: string) => string) | undefined {
  const names = new PathNames(ctx, { report: false });
  for (const json of cache.pendingValues()) {
    for (const blob of decodeCommit('', json)?.blobs ?? []) names.check(blob.path);
  }
  return names.holdsSecrets ? (t) => names.mask(t) : undefined;
}
