/**
 * Credentials that say when they stop working. A JSON Web Token carries `exp` in its payload; an
 * Azure shared access signature carries `se=` (signed expiry) in its query, covered by its
 * signature, so neither can be extended by whoever finds it. Once past, the credential grants
 * nothing: the sample output of a README (a Cognito access token that lived an hour in 2023) or an
 * SDK's documentation (a SAS that expired in 2023) is not a leak.
 */
import { jwtPartJson } from './jwt-part.js';

/** Milliseconds since the epoch when the token stops working, if its payload says so. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined || payload.length > 8192) return undefined;
  const claims = jwtPartJson(payload);
  const exp = typeof claims === 'object' && claims !== null ? (claims as { exp?: unknown }).exp : undefined;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}

/**
 * Milliseconds since the epoch of a SAS query's `se=` (ISO 8601, possibly URL-encoded; `&amp;`
 * separators of HTML are fine), if it has exactly one that parses.
 */
export function sasExpiry(query: string): number | undefined {
  const found = [...query.matchAll(/(?:^|[?&;])se=([0-9][0-9A-Za-z%:.+-]{3,40})/g)];
  if (found.length !== 1) return undefined;
  const value = decodeURIComponent(found[0]![1]!.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
  if (!/^\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?$/.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

const STOP = new Set([0x20, 0x09, 0x0a, 0x0d, 0x22, 0x27, 0x60, 0x3c, 0x3e]); // space, tab, line breaks, quotes, backtick, < >

/** The run of bytes around [start, end) up to whitespace, a quote or an angle bracket (at most 4 KB each side): a URL or query string. */
export function tokenAround(bytes: Buffer, start: number, end: number): string {
  let from = start;
  let to = end;
  while (from > 0 && start - from < 4096 && !STOP.has(bytes[from - 1]!)) from--;
  while (to < bytes.length && to - end < 4096 && !STOP.has(bytes[to]!)) to++;
  return bytes.toString('latin1', from, to);
}
