/**
 * The format-neutral part of a merge: the shards' findings and notifications in, the unsharded
 * run's out. Scan shards hold disjoint files, so their findings are concatenated (a result that two
 * reports both hold, same fingerprint and place, is kept once). History shards each kept, per rule
 * and secret, the first blob of *their* part of the walk; across shards the earliest walk position
 * wins, and the secret is at HEAD if any shard saw it there: exactly what one walk would keep.
 */
import type { Level } from '@leakguard/core';
import { compareFindingKeys, compareNotificationKeys, type FindingOrderKey, type NotificationOrderKey } from '../report-order.js';

/** How to read (and, for presentAtHead, rewrite) one format's findings. */
export interface FindingView<F> {
  orderKey(f: F): FindingOrderKey;
  /** History: a finding counts once per (rule, secret), else per fingerprint (as in run-history.ts). */
  historyKey(f: F): string;
  presentAtHead(f: F): boolean;
  setPresentAtHead(f: F, value: boolean): void;
  level(f: F): Level;
  fingerprint(f: F): string;
}

export interface ShardFindings<F> {
  findings: F[];
  /** History: each finding's walk position. */
  walkOrder?: number[];
}

function sameResult(key: FindingOrderKey): string {
  return `${key.fingerprint}\0${key.lineHash}\0${key.path}\0${key.startLine}:${key.startColumn}\0${key.ruleId}`;
}

export function mergeFindings<F>(kind: 'scan' | 'history', shards: ShardFindings<F>[], view: FindingView<F>): F[] {
  const merged: F[] = [];
  if (kind === 'scan') {
    const owner = new Map<string, number>();
    shards.forEach((shard, s) => {
      for (const f of shard.findings) {
        const key = sameResult(view.orderKey(f));
        const first = owner.get(key);
        if (first !== undefined && first !== s) continue; // held by an earlier report already
        owner.set(key, s);
        merged.push(f);
      }
    });
  } else {
    const best = new Map<string, { f: F; order: number; atHead: boolean }>();
    for (const shard of shards) {
      shard.findings.forEach((f, i) => {
        const key = view.historyKey(f);
        const order = shard.walkOrder![i]!;
        const held = best.get(key);
        if (!held) best.set(key, { f, order, atHead: view.presentAtHead(f) });
        else {
          held.atHead ||= view.presentAtHead(f);
          if (order < held.order) Object.assign(held, { f, order });
        }
      });
    }
    for (const { f, atHead } of best.values()) {
      view.setPresentAtHead(f, atHead);
      merged.push(f);
    }
  }
  const keyed = merged.map((f) => ({ f, key: view.orderKey(f) }));
  return keyed.sort((a, b) => compareFindingKeys(a.key, b.key)).map((k) => k.f);
}

export function sortedNotifications<N>(all: N[], key: (n: N) => NotificationOrderKey): N[] {
  const keyed = all.map((n) => ({ n, key: key(n) }));
  return keyed.sort((a, b) => compareNotificationKeys(a.key, b.key)).map((k) => k.n);
}
