/**
 * Seeded fuzzing of the IaC scanners, bounded to about a minute. Inputs: the example app's
 * templates and generated Terraform / YAML / JSON, mutated with the pieces that broke the scanners
 * before (references that fan out or refer to themselves, `!Sub`/`!Join`, stray `---`, aliases,
 * deep brackets, cut strings, duplicated blocks). Every scanner runs on every mutant in-process:
 * no throw escapes a scanner, and no input takes more than PER_INPUT_MS (normal is a few
 * milliseconds: the cap is far above it, to catch a hang or a blow-up, not to time anything).
 * Then the CLI scans a tree of mutants with -j 1 and -j 2: the reports are identical.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinScanners, createScanContext, scanFileBytes } from 'leakguard';
import { emptyConfig, type ScanInput } from '@leakguard/core';
import { makeProject, REPO_ROOT } from '../support/cli.js';
import { runBounded } from './support/bounded-run.js';
import { xorshiftUnit } from '../support/xorshift.js';

/** A hang or a blow-up, not a slow input: normal inputs take a few milliseconds. */
const PER_INPUT_MS = 5_000;
/** The whole in-process run stops adding mutants after this (the count below is the usual bound). */
const TOTAL_MS = 40_000;
const MUTANTS_PER_SEED = 60;
const SEEDS = [1, 2, 3, 4, 5, 6];

const rng = (seed: number): (() => number) => xorshiftUnit((seed * 2654435761) >>> 0 || 1);

function exampleFiles(): { name: string; text: string }[] {
  const root = join(REPO_ROOT, 'examples/serverless-app');
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const n of readdirSync(dir)) {
      const abs = join(dir, n);
      if (n === 'node_modules') continue;
      if (statSync(abs).isDirectory()) walk(abs);
      else if (/\.(ya?ml|json|tf)$/.test(n)) out.push({ name: relative(root, abs), text: readFileSync(abs, 'utf8') });
    }
  };
  walk(root);
  return out;
}

/** Small generated inputs of each kind, shaped like what the scanners resolve. */
function generated(r: () => number): { name: string; text: string }[] {
  const word = () => Math.floor(r() * 1e6).toString(36);
  return [
    { name: 'gen/main.tf', text: `locals {\n  a = "${word()}"\n  b = "\${local.a}\${local.a}"\n  c = [local.b, local.b]\n}\nvariable "db_password" {\n  default = "${word()}"\n}\nresource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = local.c }] })\n}\nresource "aws_lambda_function" "f" {\n  environment {\n    variables = { DB_PASSWORD = var.db_password, X = "\${local.b}" }\n  }\n}\n` },
    { name: 'gen/main.tf.json', text: JSON.stringify({ locals: { a: word(), b: '${local.a}${local.a}' }, resource: { aws_lambda_function: { f: { environment: { variables: { API_TOKEN: '${local.b}' } } } } } }, null, 2) },
    { name: 'gen/template.yaml', text: `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  P:\n    Type: String\n    Default: ${word()}\nResources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment:\n        Variables:\n          API_KEY: !Sub ["\${a}\${a}", {a: !Join ["", [!Ref P, x]]}]\n  R:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: !If [c, "*", "s3:Get*"]\n            Resource: "*"\n` },
    { name: 'gen/template.json', text: JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { F: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { DB_PASSWORD: { 'Fn::Join': ['', [word(), { 'Fn::Sub': '${AWS::Region}' }]] } } } } } } }) },
    // Chains of references, two on each of 8 levels: a mutation that multiplies them fans out.
    { name: 'gen/chain/serverless.yml', text: `service: s\nprovider:\n  name: aws\ncustom:\n  a0: ${word()}\n${Array.from({ length: 8 }, (_, i) => `  a${i + 1}: "\${self:custom.a${i}}-\${self:custom.a${i}}"\n`).join('')}functions:\n  f:\n    handler: h.main\n    environment:\n      DB_PASSWORD: \${self:custom.a8}\n` },
    { name: 'gen/chain/main.tf', text: `locals {\n  a0 = "${word()}"\n${Array.from({ length: 8 }, (_, i) => `  a${i + 1} = "\${local.a${i}}-\${local.a${i}}"\n`).join('')}}\nresource "aws_lambda_function" "f" {\n  environment {\n    variables = { DB_PASSWORD = local.a8 }\n  }\n}\n` },
    { name: 'gen/chain/template.yaml', text: `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment:\n        Variables:\n          DB_PASSWORD: ${Array.from({ length: 6 }).reduce<string>((e) => `!Sub ["\${a}-\${a}", {a: ${e}}]`, `"${word()}"`)}\n` },
    { name: 'gen/serverless.yml', text: `service: s\nprovider:\n  name: aws\n  environment:\n    SECRET_KEY: \${self:custom.b}\ncustom:\n  a: ${word()}\n  b: \${self:custom.a}\${self:custom.a}\nfunctions:\n  f:\n    handler: h.main\n    environment:\n      TOKEN: \${ssm:/x}\n` },
  ];
}

const PIECES = ['['.repeat(3000), `\n  Deep: ${'['.repeat(3000)}\n`, '${', '}', '${self:custom.b}', '${local.b}', '!Sub ', '!Join ', '[', ']', '{', '}', '---\n', '&a ', '*a', '"', "'", '%{ if x }', '\n', '  ', '\\', '\u0000', '\r', '\u2028', '${self:custom.a}'.repeat(8), '${local.c}'.repeat(8), '['.repeat(200)];

function mutate(text: string, r: () => number): string {
  let out = text;
  const steps = 1 + Math.floor(r() * 6);
  for (let s = 0; s < steps; s++) {
    const at = Math.floor(r() * (out.length + 1));
    const kind = Math.floor(r() * 7);
    if (kind === 0) out = out.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + out.slice(at);
    else if (kind === 1) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(r() * 20));
    else if (kind === 2) {
      // Duplicate a slice: repeated references and blocks, the shape of a fan-out.
      const len = 1 + Math.floor(r() * 80);
      const piece = out.slice(at, at + len);
      out = out.slice(0, at) + piece.repeat(2 + Math.floor(r() * 6)) + out.slice(at);
    } else if (kind === 3) out = out.slice(0, at); // truncated
    else if (kind === 4) {
      const lines = out.split('\n');
      const i = Math.floor(r() * lines.length);
      lines.splice(i, 0, lines[Math.floor(r() * lines.length)] ?? '');
      out = lines.join('\n');
    } else if (kind === 5) out = out.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x3000)) + out.slice(at);
    else {
      // Multiply the references of the line at `at` (one more level of fan-out), or of the whole text (every level).
      const whole = r() < 0.5;
      const start = whole ? 0 : out.lastIndexOf('\n', at - 1) + 1;
      const next = out.indexOf('\n', at);
      const end = whole || next === -1 ? out.length : next;
      const times = 2 + Math.floor(r() * (whole ? 4 : 14));
      out = out.slice(0, start) + out.slice(start, end).replace(/\$\{[^{}\n]*\}/g, (ref) => ref.repeat(times)) + out.slice(end);
    }
  }
  return out;
}

/** The names each scanner accepts, so every mutant goes through every scanner. */
const NAMES = ['main.tf', 'main.tf.json', 'terraform.tfvars', 'template.yaml', 'template.json', 'serverless.yml'];

function mutants(): { seed: number; name: string; text: string }[] {
  const out: { seed: number; name: string; text: string }[] = [];
  for (const seed of SEEDS) {
    const r = rng(seed);
    const corpus = [...exampleFiles(), ...generated(r)];
    for (let i = 0; i < MUTANTS_PER_SEED; i++) {
      const base = corpus[Math.floor(r() * corpus.length)]!;
      out.push({ seed, name: base.name, text: mutate(base.text, r) });
    }
  }
  return out;
}

describe('fuzzing the IaC scanners (seeded)', () => {
  it('no throw escapes a scanner and no input exceeds its budget', async () => {
    const scanners = builtinScanners();
    const ctx = await createScanContext(emptyConfig());
    const started = performance.now();
    let inputs = 0;
    for (const m of mutants()) {
      if (performance.now() - started > TOTAL_MS) break;
      for (const name of NAMES) {
        const input: ScanInput = { path: name, text: m.text };
        const t = performance.now();
        for (const scanner of scanners) {
          if (!scanner.accepts(input)) continue;
          await scanner.init?.();
          // A throw here fails the test with the seed and the file in its name.
          await Promise.resolve(scanner.scan(input, { secrets: ctx.engine })).catch((error: unknown) => {
            throw new Error(`seed ${m.seed}, ${m.name} as ${name}: ${scanner.name} threw ${error instanceof Error ? error.message : String(error)}`);
          });
        }
        // The whole pipeline too (findings built, snippets masked): it reports, never throws.
        const result = await scanFileBytes(name, Buffer.from(m.text), ctx);
        expect(result.notifications.filter((n) => n.kind === 'internal'), `seed ${m.seed}, ${m.name} as ${name}`).toEqual([]);
        const ms = performance.now() - t;
        expect(ms, `seed ${m.seed}, ${m.name} as ${name} took ${Math.round(ms)} ms`).toBeLessThan(PER_INPUT_MS);
        inputs++;
      }
    }
    expect(inputs).toBeGreaterThan(300);
  }, 120_000);

  it('the CLI reports a tree of mutants identically with -j 1 and -j 2', () => {
    const files: Record<string, string> = {};
    mutants().filter((_, i) => i % 3 === 0).forEach((m, i) => {
      files[`tree/m${String(i).padStart(3, '0')}/${NAMES[i % NAMES.length]}`] = m.text;
    });
    // Ordinary files so that the worker takes batches too.
    for (let i = 0; i < 400; i++) files[`tree/src/f${i}.ts`] = `export const v${i} = ${i};\n`.repeat(30);
    const dir = makeProject(files);
    const reports = ['1', '2'].map((jobs) => {
      const run = runBounded(['scan', 'tree', '-j', jobs, '-f', 'json', '-o', `r${jobs}.json`], { cwd: dir, timeoutMs: 60_000 });
      expect(run.timedOut).toBe(false);
      expect([0, 1], `-j ${jobs}: ${run.stderr.slice(0, 300)}`).toContain(run.status);
      const report = JSON.parse(readFileSync(join(dir, `r${jobs}.json`), 'utf8')) as { summary: { durationMs?: number } };
      delete report.summary.durationMs;
      return report;
    });
    expect(reports[1]).toEqual(reports[0]);
  }, 120_000);
});
