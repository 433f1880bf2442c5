import { randomBytes } from 'node:crypto';
import { SecretEngine, type FileScanner } from '@leakguard/core';

/**
 * A one-rule engine: these tests are about the template facts, not the catalog (which has its own
 * tests), so they do not depend on its contents.
 */
export const engine = new SecretEngine({
  rules: [
    { id: 'secret/aws-access-key-id', title: 'AWS access key ID', description: 'An AWS access key ID.', severity: 'high', keywords: ['akia'], pattern: '\\b(AKIA[0-9A-Z]{16})\\b' },
  ],
});

/** Runs a scanner on a text and returns `ruleId@line:column` for each draft, sorted. */
export async function findings(scanner: FileScanner, path: string, text: string): Promise<string[]> {
  const out = await scanner.scan({ path, text }, { secrets: engine });
  return out.drafts.map((d) => `${d.ruleId}@${d.region.startLine}:${d.region.startColumn}`).sort();
}

/** Only the rule ids, sorted. */
export async function ruleIds(scanner: FileScanner, path: string, text: string): Promise<string[]> {
  return (await findings(scanner, path, text)).map((f) => f.split('@')[0]!);
}

/** The line (1-based) of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`not in text: ${needle}`);
  return text.slice(0, i).split('\n').length;
}

/**
 * Planted values for tests that run the whole catalog (secrets inside decoded or nested values),
 * built at run time so no secret-looking literal is committed.
 */
export const planted = {
  password: 'Zq8vN3r' + 'Tx7wLp2Kd',
  awsKeyId: 'AKIA' + 'Z3MHJ2NQWX7RT4PE',
  /** A PEM private key of the given kind (`RSA`, `EC`, `OPENSSH`) with a random body. */
  pem: (kind: string, bytes = 600): string => `-----BEGIN ${kind} PRIVATE KEY-----\n${randomBytes(bytes).toString('base64').replace(/(.{64})/g, '$1\n').trim()}\n-----END ${kind} PRIVATE KEY-----`,
  b64: (text: string): string => Buffer.from(text).toString('base64'),
};
