/**
 * The notes that close a history report: what the walk covered and what it skipped. One function
 * writes them for a run and for merged shards (`merge/`), from counts that shards sum or share.
 */
import type { Notification } from '@leakguard/core';

/** Counts of the walk itself: every shard walks the whole graph, so shards agree on these. */
export interface WalkFacts {
  commits: number;
  /** Blobs the walk met (each unique blob once), whichever shard scanned them. */
  blobs: number;
  excludedPaths: number;
  shallow: boolean;
  revisions: string[];
  maxCount?: number;
}

/** Counts of the blobs scanned: each blob belongs to one shard, so shards' counts add up. */
export interface BlobFacts {
  binaryBlobs: number;
  largeBlobs: number;
  filesScanned: number;
  bytesScanned: number;
}

export function historySummaryNotes(walk: WalkFacts, blobs: BlobFacts): Notification[] {
  const notes: Notification[] = [];
  if (walk.shallow) {
    notes.push({
      kind: 'git',
      level: 'warning',
      message:
        'shallow clone: commits before the shallow boundary were not scanned, and findings in the boundary commits may be older than the commit named. Fetch the whole history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout) for a complete scan.',
    });
  }
  if (blobs.binaryBlobs > 0) notes.push({ kind: 'skipped-binary', level: 'note', message: `skipped ${blobs.binaryBlobs} binary blobs` });
  if (walk.excludedPaths > 0) notes.push({ kind: 'config', level: 'note', message: `skipped ${walk.excludedPaths} paths matched by the config's exclude` });
  if (walk.commits === 0) notes.push({ kind: 'git', level: 'note', message: 'no commits to scan (an empty repository or an empty range)' });
  notes.push({
    kind: 'git',
    level: 'note',
    message: `walked ${walk.commits} commits (${walk.revisions.join(' ')}${walk.maxCount ? `, at most ${walk.maxCount}` : ''}), scanned ${blobs.filesScanned} unique blobs (${(blobs.bytesScanned / 1048576).toFixed(1)} MB)`,
  });
  return notes;
}
