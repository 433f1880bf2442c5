/**
 * One command's use of the cache: its namespace opened (run-key.ts), hits read, the entries it
 * computed kept until the end of the run, then written, all but those that quote a secret found in a
 * file or folder name (entries.ts). Nothing here throws: a cache that cannot be written is a
 * notification.
 */
import type { LeakguardConfig, Notification } from '@leakguard/core';
import { PendingEntries } from './entries.js';
import { namespaceOf, type CacheKind } from './run-key.js';
import { CacheStore } from './store.js';

export class RunCache {
  private readonly pending = new PendingEntries();

  private constructor(readonly store: CacheStore) {}

  static open(dir: string, kind: CacheKind, config: LeakguardConfig, maxBytes: number): RunCache {
    return new RunCache(CacheStore.open(dir, namespaceOf(kind, config, maxBytes)));
  }

  /** Where worker threads open the same namespace (read-only; they send what they compute back). */
  get location(): { dir: string; namespace: string } {
    return { dir: this.store.dir, namespace: this.store.namespace };
  }

  get(key: string): string | undefined {
    return this.store.get(key);
  }

  add(key: string, json: string): void {
    this.pending.add(key, json);
  }

  /** The JSON of the entries this run computed (not yet written). */
  pendingValues(): string[] {
    return this.pending.values();
  }

  /** Writes the run's entries; `mask` shows a text as reports do (undefined: no name held a secret). */
  finish(mask: ((text: string) => string) | undefined): Notification[] {
    for (const [key, json] of this.pending.safe(mask)) this.store.put(key, json);
    return this.store.flush();
  }
}
