/**
 * The on-disk result cache (`--cache DIR`): one folder per namespace (a digest of everything that
 * can change a result, `run-key.ts`), holding segment files of `key TAB json` lines. A run reads
 * every segment of its namespace, then writes what it computed as ONE new segment (a temporary
 * file renamed into place), so concurrent runs never see half a file and never write the same one.
 * Each segment starts with a header naming its namespace, its entry count and the SHA-256 of its
 * body: a truncated or altered segment is ignored whole (its entries are computed again).
 *
 * Bounds: at most MAX_SEGMENTS segments per namespace (more are compacted into one, the newest
 * entries first), at most MAX_NAMESPACE_BYTES per namespace (read and written), and at most
 * MAX_NAMESPACES namespaces (the least recently used are removed): 8 × 128 MB at most in all.
 * A cache that cannot be written is a notification; the scan goes on as without one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Notification } from '@leakguard/core';

const FORMAT = 'leakguard-cache 1';
export const MAX_SEGMENTS = 16;
export const MAX_NAMESPACE_BYTES = 128 * 1048576;
export const MAX_NAMESPACES = 8;
const SEGMENT = /^seg-[0-9a-z-]+\.lgc$/;
/** Temporary files older than this are left by a run that died: removed. */
const STALE_TMP_MS = 3600_000;

/** The folder of every namespace under a cache dir (the format's version in its name). */
export function cacheRoot(dir: string): string {
  return join(dir, 'leakguard-v1');
}

function bodyDigest(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

/** Parses a segment; undefined when it is not whole and ours. */
export function parseSegment(text: string, namespace: string): Map<string, string> | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  const [format, version, ns, count, digest] = text.slice(0, newline).split(' ');
  if (`${format} ${version}` !== FORMAT || ns !== namespace) return undefined;
  const body = text.slice(newline + 1);
  if (bodyDigest(body) !== digest) return undefined;
  const entries = new Map<string, string>();
  for (let start = 0; start < body.length; ) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    const tab = body.indexOf('\t', start);
    if (tab < 0 || tab > end) return undefined;
    entries.set(body.slice(start, tab), body.slice(tab + 1, end));
    start = end + 1;
  }
  return entries.size === Number(count) ? entries : undefined;
}

export function formatSegment(entries: Iterable<[string, string]>, namespace: string): string {
  const lines: string[] = [];
  for (const [key, json] of entries) lines.push(`${key}\t${json}\n`);
  const body = lines.join('');
  return `${FORMAT} ${namespace} ${lines.length} ${bodyDigest(body)}\n${body}`;
}

export class CacheStore {
  private readonly entries = new Map<string, string>();
  private readonly added = new Map<string, string>();
  /** Segment files read (removed when compacted) and damaged (removed on the next write). */
  private readonly segments: string[] = [];
  private readonly damaged: string[] = [];
  private loadedBytes = 0;

  private constructor(
    readonly dir: string,
    readonly namespace: string,
  ) {}

  private get folder(): string {
    return join(cacheRoot(this.dir), this.namespace);
  }

  /** Reads the namespace's segments (none yet, or an unreadable folder: an empty cache). */
  static open(dir: string, namespace: string): CacheStore {
    const store = new CacheStore(dir, namespace);
    let names: string[] = [];
    try {
      names = readdirSync(store.folder).filter((n) => SEGMENT.test(n)).sort();
    } catch {
      return store;
    }
    for (const name of names) {
      const path = join(store.folder, name);
      let text: string;
      try {
        if (statSync(path).size + store.loadedBytes > MAX_NAMESPACE_BYTES) continue;
        text = readFileSync(path, 'utf8');
      } catch {
        continue; // removed by a concurrent compaction: its entries are in a newer segment
      }
      const entries = parseSegment(text, namespace);
      if (!entries) {
        store.damaged.push(path);
        continue;
      }
      store.loadedBytes += text.length;
      store.segments.push(path);
      for (const [k, v] of entries) store.entries.set(k, v);
    }
    return store;
  }

  get size(): number {
    return this.entries.size + this.added.size;
  }

  /** Segments that were not whole and were ignored. */
  get damagedSegments(): number {
    return this.damaged.length;
  }

  get(key: string): string | undefined {
    return this.entries.get(key) ?? this.added.get(key);
  }

  put(key: string, json: string): void {
    if (json.includes('\n')) throw new Error('cache values are single-line JSON');
    if (!this.entries.has(key)) this.added.set(key, json);
  }

  /**
   * Writes what this run added (and compacts when the namespace has too many segments). Never
   * throws: a failure to write is returned as a notification.
   */
  flush(): Notification[] {
    const notes: Notification[] = [];
    if (this.damaged.length > 0) notes.push({ kind: 'config', level: 'note', message: `cache: ignored ${this.damaged.length} damaged cache file(s); their results were computed again` });
    if (this.added.size === 0 && this.damaged.length === 0) {
      this.touch();
      return notes;
    }
    try {
      mkdirSync(this.folder, { recursive: true });
      let addedBytes = 0;
      for (const [k, v] of this.added) addedBytes += k.length + v.length + 2;
      const compact = this.segments.length + 1 > MAX_SEGMENTS || this.loadedBytes + addedBytes > MAX_NAMESPACE_BYTES;
      const ordered = compact ? this.compacted() : this.added;
      let bytes = 0;
      const kept: [string, string][] = [];
      for (const [k, v] of ordered) {
        bytes += k.length + v.length + 2;
        if (bytes > MAX_NAMESPACE_BYTES) break;
        kept.push([k, v]);
      }
      if (kept.length > 0) this.writeSegment(formatSegment(kept, this.namespace));
      for (const path of [...this.damaged, ...(compact ? this.segments : [])]) rmSync(path, { force: true });
      this.removeStaleTemporaries();
      pruneNamespaces(this.dir, this.namespace);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
      notes.push({ kind: 'config', level: 'warning', message: `cache: cannot write to the cache folder ${this.dir} (${code}); this run's results were not cached` });
    }
    return notes;
  }

  /**
   * Every entry for one segment, newest first: this run's, then the segments' from the newest (their
   * names sort by time), so a namespace over its size keeps what recent runs computed.
   */
  private compacted(): [string, string][] {
    return [...this.added, ...[...this.entries].reverse()];
  }

  private writeSegment(text: string): void {
    const id = `${Date.now().toString(36)}-${process.pid.toString(36)}-${randomBytes(6).toString('hex')}`;
    const tmp = join(this.folder, `.tmp-${id}`);
    try {
      writeFileSync(tmp, text, { flag: 'wx', mode: 0o600 });
      renameSync(tmp, join(this.folder, `seg-${id}.lgc`));
    } catch (error) {
      rmSync(tmp, { force: true });
      throw error;
    }
  }

  private removeStaleTemporaries(): void {
    for (const name of readdirSync(this.folder)) {
      if (!name.startsWith('.tmp-')) continue;
      const path = join(this.folder, name);
      try {
        if (Date.now() - statSync(path).mtimeMs > STALE_TMP_MS) unlinkSync(path);
      } catch {
        // another run removed it
      }
    }
  }

  /** Marks the namespace as used now (the least recently used are pruned). */
  private touch(): void {
    try {
      const now = new Date();
      utimesSync(this.folder, now, now);
    } catch {
      // nothing cached yet, or read-only: nothing to keep fresh
    }
  }
}

/** Removes the least recently used namespaces beyond MAX_NAMESPACES (never `current`). */
function pruneNamespaces(dir: string, current: string): void {
  const root = cacheRoot(dir);
  const folders = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^[0-9a-f]{32}$/.test(d.name) && d.name !== current)
    .map((d) => {
      try {
        return { name: d.name, mtime: statSync(join(root, d.name)).mtimeMs };
      } catch {
        return undefined;
      }
    })
    .filter((f) => f !== undefined)
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of folders.slice(MAX_NAMESPACES - 1)) rmSync(join(root, old.name), { recursive: true, force: true });
}
