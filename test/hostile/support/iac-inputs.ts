/** Hostile IaC inputs built at run time, and a secret in pieces, for the test/hostile suites. */
import { spawnSync } from 'node:child_process';
import { xorshift32 } from '../../support/xorshift.js';

/** A deterministic random alphanumeric string (no secret-looking literal is committed). */
export function seededAlnum(seed: number, length: number): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const next = xorshift32(seed >>> 0 || 1);
  let out = '';
  for (let i = 0; i < length; i++) out += chars[next() % chars.length];
  return out;
}

/**
 * A secret written in three 15-character parts: each part is longer than a leak piece (12) and
 * shorter than the 20 characters a random-looking token needs to be masked on its own, so a
 * snippet that shows the parts as the source spells them leaks, and only masking by span saves it.
 */
export function secretInParts(seed: number): { parts: [string, string, string]; secret: string } {
  const parts: [string, string, string] = [seededAlnum(seed, 15), seededAlnum(seed + 1, 15), seededAlnum(seed + 2, 15)];
  return { parts, secret: parts.join('') };
}

/** `count` references to `ref(level - 1)` on each of `levels` levels: 16^7 copies of the first value from 2 KB. */
export function fanOut(levels: number, count: number, line: (level: number, body: string) => string, ref: (level: number) => string): string[] {
  const lines: string[] = [];
  for (let i = 1; i <= levels; i++) lines.push(line(i, ref(i - 1).repeat(count)));
  return lines;
}

/** Makes a FIFO (a named pipe): opening it for reading blocks until a writer comes, forever here. */
export function mkfifo(path: string): void {
  const run = spawnSync('mkfifo', [path]);
  if (run.status !== 0) throw new Error(`mkfifo failed: ${run.stderr}`);
}
