/**
 * eslint-plugin-leakguard end to end, through ESLint's Node API and a user's flat
 * `eslint.config.js` (the built plugin, as a user installs it: run `pnpm build` first).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/cli.js';

const FIXTURE = join(REPO_ROOT, 'test/fixtures/eslint-project');
const PLUGIN_DIST = join(REPO_ROOT, 'packages/eslint-plugin/dist/index.js');

/** `// expect: leakguard/a, leakguard/b` marks the rules reported on the next line. */
function expectedReports(file: string): string[] {
  const out: string[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const m = /\/\/ expect: (.*)$/.exec(line);
      if (m) for (const rule of m[1]!.split(',')) out.push(`${i + 2}:${rule.trim()}`);
    });
  return out.sort();
}

/** ESLint's Node API in a child Node process: the built plugin, resolved as a user's install resolves it. */
function lint(cwd: string, patterns: string[], extraEnv: Record<string, string> = {}): ESLint.LintResult[] {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  delete env.NODE_OPTIONS;
  const run = spawnSync(process.execPath, [join(REPO_ROOT, 'test/support/eslint-run.mjs'), cwd, ...patterns], {
    cwd: join(REPO_ROOT, 'test'),
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`eslint failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as ESLint.LintResult[];
}

const actual = (r: ESLint.LintResult) => r.messages.map((m) => `${m.line}:${m.ruleId}`).sort();

describe('ESLint Node API on a fixture project with a flat eslint.config.js', () => {
  let results: ESLint.LintResult[];

  beforeAll(() => {
    if (!existsSync(PLUGIN_DIST)) throw new Error(`${PLUGIN_DIST} is missing: run "pnpm build" first`);
    results = lint(FIXTURE, ['src', 'infra']);
  });

  const files = ['src/handler.ts', 'src/legacy.js', 'src/good.ts', 'src/handler.test.ts', 'infra/stack.ts'];

  it.each(files)('%s: exactly the marked lines are reported, by the marked rules', (file) => {
    const result = results.find((r) => relative(FIXTURE, r.filePath) === file);
    expect(result, `${file} was linted`).toBeDefined();
    expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
    expect(actual(result!)).toEqual(expectedReports(join(FIXTURE, file)));
  });

  it('uses the configured severities: recommended warns for env secrets and uncached fetches, strict errors on infra/', () => {
    const handler = results.find((r) => r.filePath.endsWith('handler.ts'))!;
    const sev = (rule: string) => handler.messages.find((m) => m.ruleId === rule)?.severity;
    expect(sev('leakguard/no-env-secrets')).toBe(1);
    expect(sev('leakguard/no-uncached-secret-fetch')).toBe(1);
    expect(sev('leakguard/no-secret-logging')).toBe(2);
  });

  it('never prints a secret value in a message', () => {
    const text = results.flatMap((r) => r.messages.map((m) => m.message)).join('\n');
    expect(text).not.toContain('acme_Zq8Lw3Rt6Yp1Nc4Vb7Xm2Kd9');
    expect(text).toContain('Acme API token');
  });

  it('finds the same with the JavaScript RegExp fallback (an editor where the RE2 addon does not load)', () => {
    const fallback = lint(FIXTURE, ['src/handler.ts'], { LEAKGUARD_REGEX_ENGINE: 'js' });
    const primary = results.find((r) => r.filePath.endsWith('handler.ts'))!;
    expect(actual(fallback[0]!)).toEqual(actual(primary));
    expect(actual(fallback[0]!)).toContain('9:leakguard/no-hardcoded-secrets');
  });

  it('fixes are described per cloud in the messages', () => {
    const text = results.flatMap((r) => r.messages.map((m) => m.message)).join('\n');
    for (const word of ['Secrets Manager', 'Key Vault', 'Secret Manager', 'Azure', 'GCP']) expect(text).toContain(word);
  });
});

describe('examples/serverless-app with its own eslint.config.js (recommended)', () => {
  const EXAMPLE = join(REPO_ROOT, 'examples/serverless-app');
  let dir: string;
  let results: ESLint.LintResult[];

  beforeAll(() => {
    // The example is not a workspace package: lint a copy that resolves the plugin like an install would.
    dir = mkdtempSync(join(tmpdir(), 'leakguard-example-'));
    cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !src.includes('node_modules') });
    symlinkSync(join(REPO_ROOT, 'test/node_modules'), join(dir, 'node_modules'), 'dir');
    results = lint(dir, ['src', 'infra']);
  });
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  const RULE_OF: Record<string, string> = {
    secret: 'leakguard/no-hardcoded-secrets',
    env: 'leakguard/no-env-secrets',
    logging: 'leakguard/no-secret-logging',
    'uncached fetch': 'leakguard/no-uncached-secret-fetch',
    response: 'leakguard/no-secret-in-response',
    iam: 'leakguard/no-wildcard-iam',
  };

  /** `// MISTAKE(kind): ...` comments of the example, with the line of the code they mark. */
  function mistakes(file: string): { kind: string; line: number }[] {
    const lines = readFileSync(file, 'utf8').split('\n');
    const out: { kind: string; line: number }[] = [];
    lines.forEach((l, i) => {
      const m = /\/\/ MISTAKE\(([^)]+)\)/.exec(l);
      if (m && RULE_OF[m[1]!]) out.push({ kind: m[1]!, line: i + 1 });
    });
    return out;
  }

  it('reports every marked mistake in the example code, with the rule for its kind, on the lines that follow', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const r of results) {
      for (const { kind, line } of mistakes(r.filePath)) {
        checked++;
        // The marked code starts on the next line and may span a few (a multi-line return).
        const hit = r.messages.some((m) => m.ruleId === RULE_OF[kind] && m.line > line && m.line <= line + 4);
        if (!hit) missing.push(`${relative(dir, r.filePath)}:${line} ${kind}`);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
    expect(missing).toEqual([]);
  });

  it('reports nothing in the good version of the handler', () => {
    const good = results.find((r) => r.filePath.endsWith('orders-good.ts'));
    expect(good).toBeDefined();
    expect(good!.messages.map((m) => `${m.line}:${m.ruleId}: ${m.message}`)).toEqual([]);
  });

  it('parses every file', () => {
    expect(results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => m.message))).toEqual([]);
  });
});
