/**
 * The ESLint rules follow a secret through variables, expressions and local functions. Code built
 * to be pathological (a thousand chained variables, a long `+` chain, a local function called from
 * thousands of places, variables read thousands of times) must neither abort ESLint (a RangeError
 * from unbounded recursion ends the whole run) nor take quadratic time, and a secret at the end of
 * a long chain is still reported.
 */
import { describe, expect, it } from 'vitest';
import { lintBounded } from './support/lint-bounded.js';

const logged = (n: number) => `ruleId: leakguard/no-secret-logging x${n}`;
const summary = (messages: { ruleId: string | null; fatal: boolean }[]) =>
  messages.filter((m) => m.fatal || m.ruleId === 'leakguard/no-secret-logging').map((m) => (m.fatal ? 'fatal' : `ruleId: ${m.ruleId}`));
const count = (messages: { ruleId: string | null; fatal: boolean }[]) => {
  const s = summary(messages);
  return s.length === 0 ? 'none' : s.every((x) => x === s[0]) ? `${s[0]} x${s.length}` : s.join(', ');
};

describe('no-secret-logging on pathological code', () => {
  it.each([
    [
      '3,000 chained consts from a secret env var, logged at the end',
      () => {
        const lines = ['const v0 = process.env.DB_PASSWORD;'];
        for (let i = 1; i < 3000; i++) lines.push(`const v${i} = v${i - 1};`);
        lines.push('console.log(v2999);');
        return lines.join('\n');
      },
      logged(1),
    ],
    [
      'a 3,000-term concatenation with the secret at its far end',
      () => `const s = process.env.API_SECRET;\nconsole.log(${Array.from({ length: 3_000 }, (_, i) => (i === 0 ? 's' : `'x${i}'`)).join(' + ')});`,
      logged(1),
    ],
    [
      'a ring of 2,000 variables, each the previous one',
      () => {
        const lines = ['let r0 = r1999;'];
        for (let i = 1; i < 2000; i++) lines.push(`let r${i} = r${i - 1};`);
        lines.push('console.log(r1000);');
        return lines.join('\n');
      },
      'none',
    ],
    [
      // Before each function was memoised its body was walked again for every call: over 150 s here.
      'a local function returning a secret, called from 5,000 places, its body 20,000 statements long',
      () => {
        const body = Array.from({ length: 20_000 }, (_, i) => `  if (x${i % 10}) { y = [x${i % 10}, ${i}]; }`).join('\n');
        const calls = Array.from({ length: 5_000 }, () => 'console.log(load());').join('\n');
        return `let y; const x0 = 1, x1 = 1, x2 = 1, x3 = 1, x4 = 1, x5 = 1, x6 = 1, x7 = 1, x8 = 1, x9 = 1;\nfunction load() {\n${body}\n  return process.env.DB_PASSWORD;\n}\n${calls}`;
      },
      logged(5000),
    ],
    [
      'a variable assigned 3,000 times and logged after each',
      () => {
        const lines = ['let x = "a";'];
        for (let i = 0; i < 3000; i++) lines.push(`x = "v${i}"; console.log(x);`);
        lines.push('x = process.env.DB_PASSWORD;');
        return lines.join('\n');
      },
      logged(3000),
    ],
  ])('%s', { timeout: 120_000 }, (_, build, expected) => {
    const run = lintBounded(build(), { timeoutMs: 90_000 });
    expect(run.timedOut, 'ESLint did not finish in time').toBe(false);
    expect(run.status, run.stderr.slice(0, 2000)).toBe(0);
    expect(count(run.messages)).toBe(expected);
  });
});
