/**
 * Hashes for secrets, fingerprints and GitHub's line hash.
 *
 * A secret's hash (and so every fingerprint, which covers it) is an HMAC-SHA256 under a key, not a
 * plain SHA-256: a password a rule reports could otherwise be recovered from an alert or a baseline
 * by hashing a wordlist. The key is derived from a secret the user keeps out of the repository
 * (`LEAKGUARD_HASH_KEY`) and a random per-repository salt kept in the baseline; with neither, a
 * fixed public key is used (no better than a plain hash: see docs/baseline.md).
 */
import { createHash, createHmac } from 'node:crypto';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export interface SecretHashKey {
  /** A secret kept out of the repository (`LEAKGUARD_HASH_KEY`). */
  secret?: string;
  /** The baseline's random salt (hex). */
  salt?: string;
}

const keyOf = (k: SecretHashKey | undefined): Buffer => createHash('sha256').update(`leakguard-hash-key/v2\0${k?.secret ?? ''}\0${k?.salt ?? ''}`, 'utf8').digest();
let hashKey = keyOf(undefined);

/** Sets the key of every secret hash this thread makes (each scanning thread sets it from the config). */
export function setSecretHashKey(key: SecretHashKey | undefined): void {
  hashKey = keyOf(key);
}

/** The hash a finding keeps for a secret value (and its fingerprint covers): HMAC-SHA256 under the run's key. */
export function secretHash(secret: string): string {
  return createHmac('sha256', hashKey).update(secret, 'utf8').digest('hex');
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
