/**
 * A blob's outcome as one cache value (history and --staged share them). Most blobs have nothing to
 * report, and a history has tens of thousands: those are a letter and a size (`C` text, `B` binary,
 * `L` over the size limit); the others are JSON. A value that does not decode is a miss.
 */
import type { BlobOutcome } from './protocol.js';

export function encodeOutcome(o: BlobOutcome): string {
  if (o.findings.length > 0 || o.notifications.length > 0) return JSON.stringify(o);
  return `${o.large ? 'L' : o.binary ? 'B' : 'C'}${o.size}`;
}

export function decodeOutcome(value: string): BlobOutcome | undefined {
  const kind = value[0];
  if (kind === '{') {
    try {
      const o = JSON.parse(value) as BlobOutcome;
      return Array.isArray(o.findings) && Array.isArray(o.notifications) && typeof o.size === 'number' ? o : undefined;
    } catch {
      return undefined;
    }
  }
  const size = Number(value.slice(1));
  if (!Number.isSafeInteger(size) || size < 0) return undefined;
  if (kind === 'L') return { size, large: true, binary: false, findings: [], notifications: [] };
  if (kind === 'B' || kind === 'C') return { size, binary: kind === 'B', findings: [], notifications: [] };
  return undefined;
}
