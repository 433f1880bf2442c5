/**
 * What one cache entry is keyed by and what it may hold. Keys are digests (a path can hold a secret,
 * so no key shows one); values are what a scan returns after `buildFindings`: findings with a
 * secret's hash and redacted preview, never the secret itself.
 */
import { createHash, hash } from 'node:crypto';

/** A file on disk: its path and its content (never its modification time). */
export function fileEntryKey(path: string, bytes: Uint8Array): string {
  return createHash('sha256').update(`file\0${path}\0`).update(bytes).digest('hex').slice(0, 40);
}

/** A git blob under a path: the blob id names its content. (One-shot `hash`: a history has many blobs.) */
export function blobEntryKey(oid: string, path: string): string {
  return hash('sha256', `blob\0${oid}\0${path}`).slice(0, 40);
}

/**
 * A result worth keeping: not one where a scanner failed (an `internal` notification: a grammar
 * that did not load, a bug), which a later run may not repeat.
 */
export function cacheable(result: { notifications: { kind: string }[] }): boolean {
  return !result.notifications.some((n) => n.kind === 'internal');
}

/**
 * True when a string anywhere in `value` changes under `mask`: it quotes a secret found in a file or
 * folder name, which reports show masked. Such a result is not written to the cache.
 */
export function quotesMaskedText(value: unknown, mask: (text: string) => string): boolean {
  if (typeof value === 'string') return mask(value) !== value;
  if (Array.isArray(value)) return value.some((v) => quotesMaskedText(v, mask));
  if (value !== null && typeof value === 'object') return Object.values(value).some((v) => quotesMaskedText(v, mask));
  return false;
}

/**
 * The entries a run computed, kept until its end: only then is every name of the run scanned, so an
 * entry that quotes a secret in a name can be left out (see `quotesMaskedText`).
 */
export class PendingEntries {
  private readonly entries: [string, string][] = [];

  add(key: string, json: string): void {
    this.entries.push([key, json]);
  }

  /** Every entry's JSON, in the order added. */
  values(): string[] {
    return this.entries.map(([, json]) => json);
  }

  /** The entries to write: all of them, less those that quote a masked name when names held secrets. */
  safe(mask: ((text: string) => string) | undefined): [string, string][] {
    if (!mask) return this.entries;
    // A value is JSON, or a short code with no text in it (history/outcome-codec.ts).
    return this.entries.filter(([, value]) => !quotesMaskedText(value[0] === '{' || value[0] === '[' ? JSON.parse(value) : value, mask));
  }
}
