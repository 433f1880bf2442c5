/**
 * Committed key stores. A binary file is never scanned as text, but a catalog rule with
 * `target: name` (a PKCS#12 `.p12`/`.pfx` store) reports it by its name where it is skipped, in
 * `scan`, `scan --staged` and `history` alike, when its first bytes are those of such a store: an
 * empty or random file named `x.p12` is not one. Only the first bytes are looked at and nothing of
 * them is reported; the name is the finding's subject and is not masked (it is no secret).
 */
import { buildFindings, textLines, type Finding } from '@leakguard/core';
import { configuredDrafts, type FileScanContext } from './scan-file.js';

/**
 * A PKCS#12 PFX is a DER (or BER) SEQUENCE whose first element is the INTEGER version 3:
 * `30 <length> 02 01 03`, the length in short, long (`81`–`84` and that many bytes) or
 * indefinite (`80`) form. With the file's `size`, a definite length must fit in it: a truncated
 * store (its first bytes only) holds no usable key.
 */
export function startsLikePkcs12(head: Uint8Array, size = Infinity): boolean {
  if (head.length < 5 || head[0] !== 0x30) return false;
  const first = head[1]!;
  let at = 2;
  let length = first < 0x80 ? first : -1; // -1: indefinite
  if (first > 0x80) {
    const n = first & 0x7f;
    if (n > 4 || head.length < 2 + n) return false;
    length = 0;
    for (let k = 0; k < n; k++) length = length * 256 + head[2 + k]!;
    at += n;
  }
  if (length >= 0 && at + length > size) return false;
  return head[at] === 0x02 && head[at + 1] === 0x01 && head[at + 2] === 0x03;
}

/** The key-store findings for a binary file at `path` of `size` bytes whose first bytes are `head`. */
export function keyStoreFindings(path: string, head: Uint8Array | undefined, size: number | undefined, ctx: Pick<FileScanContext, 'engine' | 'config' | 'allow' | 'ruleLookup'>): Finding[] {
  if (!head || !startsLikePkcs12(head, size)) return [];
  const name = path.slice(path.lastIndexOf('/') + 1);
  const engine = ctx.engine;
  const found = engine.draftsFor(name, undefined, { names: true }).filter((d) => engine.readsNames(d.ruleId));
  if (found.length === 0) return [];
  const lines = textLines(name);
  const drafts = configuredDrafts(found, ctx, lines);
  for (const d of drafts) {
    d.subject = name;
    delete d.secret;
    d.message = `${engine.ruleMeta(d.ruleId)?.title ?? d.ruleId} committed`;
  }
  return buildFindings(path, lines, drafts, ctx.ruleLookup);
}
