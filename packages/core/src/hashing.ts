/** Hashes for secrets, fingerprints and GitHub's line hash. */
import { createHash } from 'node:crypto';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** The hash a finding and a baseline keep for a secret value. */
export function secretHash(secret: string): string {
  return sha256Hex(`leakguard-secret\0${secret}`);
}

/**
 * The stable fingerprint of a finding: (rule, secret hash or subject, path).
 * Line numbers and commits stay out so that edits, rebases and squashes keep it.
 */
export function findingFingerprint(ruleId: string, subject: string, path: string): string {
  return sha256Hex(`${ruleId}\0${subject}\0${path}`).slice(0, 32);
}

/**
 * `primaryLocationLineHash`: a hash of the (redacted, whitespace-trimmed) line content plus the
 * occurrence index of that same content in the file, as GitHub's own uploader does.
 */
export function lineContentHash(redactedLine: string, occurrence: number): string {
  return `${sha256Hex(redactedLine.trim()).slice(0, 16)}:${occurrence}`;
}
