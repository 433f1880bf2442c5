/**
 * `secret.hash` and every fingerprint cover a keyed hash of the secret (HMAC-SHA256 under a key
 * from LEAKGUARD_HASH_KEY and the baseline's random salt), so a reported password cannot be
 * recovered by hashing a wordlist without that key; the same key gives the same hashes run after
 * run, so baselines and code-scanning alerts stay stable.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../support/cli.js';
import { leaks, runBounded } from './support/bounded-run.js';

// A password the generic rule reports, from a "wordlist" an attacker would try.
const password = `Winter-${Math.floor(Math.random() * 1e6)}-Summer!x`;
const wordlist = ['hunter2', 'letmein', password, 'correct horse'];

interface Json {
  findings: { ruleId: string; fingerprint: string; secret?: { hash: string } }[];
}
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
/** Every way an attacker with a wordlist and no key could hash a candidate. */
const guesses = (word: string) => [sha(word), sha(`leakguard-secret\0${word}`), createHmac('sha256', createHash('sha256').update('leakguard-hash-key/v2\0\0').digest()).update(word).digest('hex')];

function project() {
  return makeProject({ 'config.js': `const db = { password: "${password}" };\n` });
}
function scan(dir: string, args: string[] = [], env: Record<string, string> = {}) {
  const run = runBounded(['scan', '.', '-f', 'json', '--fail-on', 'none', ...args], { cwd: dir, env });
  expect(run.status, run.stderr).toBe(0);
  expect(leaks(run, [password])).toEqual([]);
  const f = (JSON.parse(run.stdout) as Json).findings.find((x) => x.ruleId === 'secret/generic-password');
  expect(f, run.stdout).toBeDefined();
  return f!;
}

describe('keyed secret hashes', () => {
  it('with a baseline: its salt keys the hash; no wordlist hash matches; the same baseline, the same hash; another repository, another', () => {
    /** A repository whose baseline (written before the password arrived) accepts nothing, so the finding shows its hash. */
    const repo = () => {
      const dir = makeProject({ 'readme.md': 'hello\n' });
      expect(runBounded(['scan', '.', '--write-baseline', 'bl.json'], { cwd: dir }).status).toBe(0);
      writeFileSync(join(dir, 'config.js'), `const db = { password: "${password}" };\n`);
      return dir;
    };
    const a = repo();
    const b = repo();
    const first = scan(a, ['--baseline', 'bl.json']);
    expect(scan(a, ['--baseline', 'bl.json'])).toEqual(first);
    expect(scan(b, ['--baseline', 'bl.json']).secret!.hash).not.toBe(first.secret!.hash);
    expect(wordlist.filter((w) => guesses(w).includes(first.secret!.hash))).toEqual([]);
    // Written again over itself, the baseline keeps its salt: it now accepts the finding, run after run.
    const salt = JSON.parse(readFileSync(join(a, 'bl.json'), 'utf8')).hashSalt;
    expect(runBounded(['scan', '.', '--write-baseline', 'bl.json'], { cwd: a }).status).toBe(0);
    const rewritten = JSON.parse(readFileSync(join(a, 'bl.json'), 'utf8'));
    expect(rewritten.hashSalt).toBe(salt);
    expect(rewritten.entries.map((e: { fingerprint: string }) => e.fingerprint)).toContain(first.fingerprint);
    for (let i = 0; i < 2; i++) {
      const run = runBounded(['scan', '.', '--baseline', 'bl.json', '-f', 'json'], { cwd: a });
      expect(run.status, run.stderr).toBe(0);
      expect((JSON.parse(run.stdout) as Json).findings).toEqual([]);
    }
  });

  it('the reported hash is none a wordlist gives, and stays the same run after run under the same key', () => {
    const dir = project();
    const key = { LEAKGUARD_HASH_KEY: 'kept-in-ci-secrets-' + Math.random() };
    const one = scan(dir, [], key);
    const two = scan(dir, [], key);
    expect(two.secret!.hash).toBe(one.secret!.hash);
    expect(two.fingerprint).toBe(one.fingerprint);
    const recovered = wordlist.filter((w) => guesses(w).includes(one.secret!.hash));
    expect(recovered).toEqual([]);
    // Another key, another hash; no key at all: the public default, which a wordlist does reverse (documented).
    expect(scan(dir, [], { LEAKGUARD_HASH_KEY: 'another' }).secret!.hash).not.toBe(one.secret!.hash);
    const unkeyed = scan(dir).secret!.hash;
    expect(wordlist.filter((w) => guesses(w).includes(unkeyed))).toEqual([password]);
  });
});
