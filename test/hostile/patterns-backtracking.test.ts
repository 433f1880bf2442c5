/**
 * User patterns (`customRules`, `allow`) run on RE2 where it loads, and on JavaScript's
 * backtracking RegExp under the fallback (LEAKGUARD_REGEX_ENGINE=js, an editor's Node, an install
 * without the optional re2). Under the fallback a pattern that could take exponential or polynomial
 * time is refused up front (exit 2, a message naming the pattern and the fix) instead of hanging on
 * a file built to trigger it; under RE2 the same pattern runs in linear time.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../support/cli.js';
import { PLANTED } from '../support/planted.js';
import { lintBounded } from './support/lint-bounded.js';
import { leaks, runBounded } from './support/bounded-run.js';

const JS = { LEAKGUARD_REGEX_ENGINE: 'js' };
/** A rule whose keyword `key=` opens a window of 'a's that ends in '!': the worst case of each pattern. */
const customRule = (pattern: string) => `customRules:
  - id: secret/acme-key
    title: Acme key
    description: A made-up key.
    severity: high
    keywords: ["key="]
    pattern: '${pattern.replace(/'/g, "''")}'
`;
const ATTACK = `key=${'a'.repeat(400)}!\n`;

/** A key the safe patterns find (lower-case letters, not a placeholder). */
const KEY = 'key=qhzrkwtmbplxvd!';

function project(config: string) {
  return makeProject({ 'leakguard.yaml': config, 'input.txt': ATTACK, 'found.txt': `${KEY}\n`, 'app.js': `const stripe = "${PLANTED.stripe}";\n` });
}

describe('unsafe user patterns under the JavaScript fallback', () => {
  it.each([
    ['a nested quantifier', 'key=(a+)+$', 'a repeated group that holds a quantifier'],
    ['an alternation in a repeated group', 'key=(a|aa)*$', 'a repeated group that holds a quantifier or an alternation'],
    ['a repeated group with a class and a literal', 'key=(?:[a-z]+a)+!x', 'a repeated group'],
    ['adjacent overlapping quantifiers', 'key=a*a*a*a*a*a*a*a*b', 'two unbounded quantifiers over the same characters'],
    ['overlapping quantifiers inside capture groups', 'key=(.*)(.*)(.*)(.*)(.*)=', 'two unbounded quantifiers over the same characters'],
  ])('customRules pattern with %s: refused, exit 2, no hang', (_, pattern, reason) => {
    const dir = project(customRule(pattern));
    const run = runBounded(['scan', '.'], { cwd: dir, env: JS, timeoutMs: 20_000 });
    expect(run.timedOut, 'the scan hung on the pattern').toBe(false);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('rule secret/acme-key: pattern');
    expect(run.stderr).toContain(reason);
    expect(run.stderr).toContain('cannot run safely without RE2');
    expect(leaks(run, [PLANTED.stripe])).toEqual([]);
  });

  it.each([
    ['a global allow pattern', `allow:\n  - '^sk_live_(\\w+)+!'\n`],
    ['a custom rule\'s own allow pattern', customRule('key=([a-z]{8})').trimEnd() + `\n    allow: ['(x+x+)+y']\n`],
  ])('%s with a nested quantifier: refused', (_, config) => {
    const run = runBounded(['scan', '.'], { cwd: project(config), env: JS, timeoutMs: 20_000 });
    expect(run.timedOut).toBe(false);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/allow pattern .* cannot run safely without RE2/);
  });

  it.each([
    ['a plain token rule', 'key=([a-z]{8,400})!'],
    ['separated quantifiers', 'key\\s*=\\s*([a-z]+)!'],
  ])('a safe pattern (%s) still runs under the fallback and finds its secret', (_, pattern) => {
    const run = runBounded(['scan', '.', '-f', 'json'], { cwd: project(customRule(pattern)), env: JS, timeoutMs: 20_000 });
    expect(run.status, run.stderr).toBe(1);
    const ids = (JSON.parse(run.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId).sort();
    expect(ids).toContain('secret/acme-key');
    expect(leaks(run, [PLANTED.stripe])).toEqual([]);
  });

  it('the same nested-quantifier pattern runs under RE2 in linear time', () => {
    const run = runBounded(['scan', '.', '-f', 'json'], { cwd: project(customRule('key=(a+)+$')), timeoutMs: 20_000 });
    expect(run.timedOut).toBe(false);
    expect(run.status, run.stderr).toBe(1); // the Stripe key; the pattern finds nothing
  });
});

describe('unsafe user patterns in ESLint under the JavaScript fallback', () => {
  const options = (pattern: string) => ({
    'leakguard/no-hardcoded-secrets': ['error', { customRules: [{ id: 'secret/acme-key', title: 'Acme key', description: 'A made-up key.', severity: 'high', keywords: ['key='], pattern }] }],
  });
  const source = `const s = "${ATTACK.trim()}";\n`;

  it('refuses (a+)+$ with a message instead of hanging the editor', () => {
    const run = lintBounded(source, { rules: options('key=(a+)+$'), env: JS, timeoutMs: 30_000 });
    expect(run.timedOut).toBe(false);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('rule secret/acme-key: pattern "key=(a+)+$" cannot run safely without RE2');
  });

  it('runs a safe pattern and reports its secret', () => {
    const run = lintBounded(`const s = "${KEY}";\n`, { rules: options('key=([a-z]{8,40})!'), env: JS, timeoutMs: 30_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.messages.map((m) => m.ruleId)).toContain('leakguard/no-hardcoded-secrets');
  });
});
