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
      'a local function returning a secret, called from 4,000 places, its body 400 statements long',
      () => {
        const body = Array.from({ length: 400 }, (_, i) => `  const t${i} = 'v' + ${i};`).join('\n');
        const calls = Array.from({ length: 4000 }, (_, i) => `console.log(i${i % 7}, load());`).join('\n');
        return `function load() {\n${body}\n  return process.env.DB_PASSWORD;\n}\nconst i0 = 0, i1 = 1, i2 = 2, i3 = 3, i4 = 4, i5 = 5, i6 = 6;\n${calls}`;
      },
      logged(4000),
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
  ])('%s', (_, build, expected) => {
    const run = lintBounded(build(), { timeoutMs: 60_000 });
    expect(run.timedOut, 'ESLint did not finish in time').toBe(false);
    expect(run.status, run.stderr.slice(0, 2000)).toBe(0);
    expect(count(run.messages)).toBe(expected);
  });
});
