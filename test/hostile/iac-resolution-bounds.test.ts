/**
 * References that fan out or refer to themselves: a few hundred bytes used to take minutes and
 * gigabytes. Each reference is evaluated once and the work per file is bounded: the scan ends in
 * seconds, says "not resolved: too large" at the place, never shows the value, and goes on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../support/cli.js';
import { leaks, runBounded } from './support/bounded-run.js';
import { fanOut, seededAlnum } from './support/iac-inputs.js';

const value = seededAlnum(7, 24);
const slsHead = ['service: fan', 'provider:', '  name: aws', 'custom:', `  a0: "${value}"`];
const slsEnv = (ref: string) => ['functions:', '  f:', '    handler: h.main', '    environment:', `      DB_PASSWORD: ${ref}`];

const cfnSub = (levels: number): string => {
  let e = `"${value}"`;
  for (let i = 0; i < levels; i++) e = i % 2 ? `!Join ["", [!Sub ["${'${a}'.repeat(10)}", {a: ${e}}]]]` : `!Sub ["${'${a}'.repeat(10)}", {a: ${e}}]`;
  return e;
};
const cfn = (expr: string) => ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', '  F:', '    Type: AWS::Lambda::Function', '    Properties:', '      Environment:', '        Variables:', `          DB_PASSWORD: ${expr}`].join('\n') + '\n';

const tfLocals = (body: (i: number) => string) =>
  ['locals {', `  a0 = "${value}"`, ...fanOut(12, 16, (i, b) => `  a${i} = ${body(i).replace('BODY', b)}`, (i) => `\${local.a${i}}`), '}', 'resource "aws_lambda_function" "f" {', '  environment {', '    variables = { DB_PASSWORD = local.a12 }', '  }', '}'].join('\n') + '\n';

const cases: { name: string; files: Record<string, string>; limit: boolean }[] = [
  {
    name: 'serverless ${self:} fan-out (16 references on each of 7 levels)',
    files: { 'serverless.yml': [...slsHead, ...fanOut(7, 16, (i, b) => `  a${i}: "${b}"`, (i) => `\${self:custom.a${i}}`), ...slsEnv('${self:custom.a7}')].join('\n') + '\n' },
    limit: true,
  },
  {
    name: 'serverless ${self:} self-cycle that fans out (a value made of 12 references to itself)',
    files: { 'serverless.yml': [...slsHead, `  loop: "${'${self:custom.loop}'.repeat(12)}x"`, ...slsEnv('${self:custom.loop}')].join('\n') + '\n' },
    limit: false, // a cycle never resolves: unresolved, as any unknown value
  },
  { name: 'CloudFormation !Sub fan-out (10 variables uses on each of 10 levels)', files: { 'template.yaml': cfn(cfnSub(10)) }, limit: true },
  { name: 'CloudFormation !Join of !Sub fan-out', files: { 'template.yaml': cfn(cfnSub(11)) }, limit: true },
  { name: 'Terraform locals fan-out (string interpolation)', files: { 'main.tf': tfLocals(() => '"BODY"') }, limit: true },
  {
    name: 'Terraform locals fan-out (lists of lists)',
    files: { 'main.tf': ['locals {', `  a0 = ["${value}"]`, ...Array.from({ length: 12 }, (_, i) => `  a${i + 1} = [${Array(16).fill(`local.a${i}`).join(', ')}]`), '}', 'resource "aws_iam_role" "r" {', '  managed_policy_arns = local.a12', '}'].join('\n') + '\n' },
    limit: true,
  },
];

interface Report {
  notifications: { kind: string; level: string; message: string; path?: string; line?: number; column?: number }[];
}

describe('IaC references are resolved within a bound', () => {
  it.each(cases)('$name', ({ files, limit }) => {
    const dir = makeProject(files);
    const run = runBounded(['scan', '.', '-j', '1', '-f', 'json', '-o', 'report.json'], { cwd: dir, timeoutMs: 30_000 });
    expect(run.timedOut, 'the scan ends').toBe(false);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    const limits = report.notifications.filter((n) => n.kind === 'limit');
    if (limit) {
      expect(limits).toHaveLength(1);
      expect(limits[0]).toMatchObject({ path: Object.keys(files)[0], level: 'warning', message: expect.stringMatching(/not resolved: too large/) });
      expect(limits[0]!.line).toBeGreaterThan(1);
      const strict = runBounded(['scan', '.', '-j', '1', '--strict', '-q'], { cwd: dir, timeoutMs: 30_000 });
      expect(strict.status, 'a value left unresolved by a bound fails --strict').toBe(2);
    } else expect(limits).toEqual([]);
    expect(leaks(run, [value])).toEqual([]);
  });
});
