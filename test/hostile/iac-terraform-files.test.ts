/**
 * What the Terraform scanner reads beside a file, and what it parses. Variables are resolved from a
 * module's other files, which used to be read with readFileSync: a FIFO hung the scan, a symbolic
 * link read a file outside the tree, and --max-file-size did not apply. A ~19 MB file that only
 * tree-sitter takes made its WebAssembly instance abort, and every later .tf file of that thread
 * lost its findings (exit 0). Now sibling reads follow discovery's rules and the parser is bounded.
 */
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../support/cli.js';
import { leaks, runBounded } from './support/bounded-run.js';
import { mkfifo, seededAlnum } from './support/iac-inputs.js';

const secret = seededAlnum(99, 32);
const usesVariable = 'resource "aws_lambda_function" "f" {\n  environment {\n    variables = { DB_PASSWORD = var.db }\n  }\n}\n';
const declares = `variable "db" {\n  type    = string\n  default = "${secret}"\n}\n`;
/** A template directive: outside the fast reader's subset, so tree-sitter parses this file. */
const adminPolicyForTreeSitter = 'resource "aws_iam_policy" "p" {\n  description = "%{ if true }x%{ endif }"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n';

function hugeBrokenTf(bytes: number): string {
  const line = 'resource "aws_s3_bucket" "b" { bucket = "abcdefghijklmnopqrstuvwxyz" }\n';
  return 'locals {\n  x = ${ }\n}\n' + line.repeat(Math.ceil(bytes / line.length));
}

interface Report {
  findings: { ruleId: string; location: { path: string } }[];
  notifications: { kind: string; path?: string; message: string }[];
}
const reportOf = (stdout: string) => JSON.parse(stdout) as Report;

describe('Terraform siblings are read under discovery rules', () => {
  it('a FIFO next to a .tf file does not hang the scan', () => {
    const dir = makeProject({ 'mod/main.tf': usesVariable });
    mkfifo(join(dir, 'mod/variables.tf'));
    const run = runBounded(['scan', 'mod/main.tf', '-j', '1', '-f', 'json'], { cwd: dir, timeoutMs: 20_000 });
    expect(run.timedOut).toBe(false);
    expect(run.status).toBe(0);
  });

  it('a symbolic link next to a .tf file is not followed out of the tree', () => {
    const dir = makeProject({ 'mod/main.tf': usesVariable, 'outside/variables.tf': declares });
    symlinkSync(join(dir, 'outside/variables.tf'), join(dir, 'mod/variables.tf'));
    const run = runBounded(['scan', 'mod', '-j', '1', '-f', 'json'], { cwd: dir });
    expect(run.status, 'the value behind the link is never resolved into a finding').toBe(0);
    expect(reportOf(run.stdout).findings).toEqual([]);
    expect(leaks(run, [secret])).toEqual([]);
  });

  it('a sibling over --max-file-size is not read (the same file as a regular sibling is)', () => {
    const padding = `# ${'x'.repeat(4000)}\n`;
    const dir = makeProject({ 'mod/main.tf': usesVariable, 'mod/variables.tf': declares + padding });
    const small = runBounded(['scan', 'mod/main.tf', '-j', '1', '-f', 'json', '--max-file-size', '0.001'], { cwd: dir });
    expect(small.status).toBe(0);
    expect(reportOf(small.stdout).findings).toEqual([]);
    const large = runBounded(['scan', 'mod/main.tf', '-j', '1', '-f', 'json', '--max-file-size', '1'], { cwd: dir });
    expect(large.status, 'within the limit the variable resolves').toBe(1);
    expect(reportOf(large.stdout).findings.map((f) => f.ruleId)).toContain('env/secret-literal');
    for (const run of [small, large]) expect(leaks(run, [secret])).toEqual([]);
  });
});

describe('the Terraform parser is bounded and survives a huge file', () => {
  it('a 19 MB file allowed by --max-file-size is a notification, and the next file keeps its findings', () => {
    const dir = makeProject({ 'b_small.tf': adminPolicyForTreeSitter });
    writeFileSync(join(dir, 'a_huge.tf'), hugeBrokenTf(19 * 1024 * 1024));
    const run = runBounded(['scan', '.', '-j', '1', '-f', 'json', '--max-file-size', '100'], { cwd: dir, timeoutMs: 60_000, maxOldSpaceMb: 1024 });
    expect(run.timedOut).toBe(false);
    expect(run.status, run.stderr).toBe(1);
    const report = reportOf(run.stdout);
    expect(report.findings.filter((f) => f.location.path === 'b_small.tf').map((f) => f.ruleId)).toContain('iam/wildcard-action');
    expect(report.notifications).toContainEqual(expect.objectContaining({ kind: 'limit', path: 'a_huge.tf' }));
  });

  it('a huge sibling that --max-file-size skips is never parsed to resolve variables', () => {
    // b's variables would be resolved from a_huge (aborting the parser), then c would find it dead.
    const dir = makeProject({ 'b_small.tf': adminPolicyForTreeSitter, 'c_small.tf': adminPolicyForTreeSitter });
    writeFileSync(join(dir, 'a_huge.tf'), hugeBrokenTf(19 * 1024 * 1024));
    const run = runBounded(['scan', 'b_small.tf', 'c_small.tf', '-j', '1', '-f', 'json'], { cwd: dir, timeoutMs: 60_000 });
    expect(run.timedOut).toBe(false);
    expect(run.status, run.stderr).toBe(1);
    const report = reportOf(run.stdout);
    for (const file of ['b_small.tf', 'c_small.tf']) expect(report.findings.filter((f) => f.location.path === file).map((f) => f.ruleId)).toContain('iam/wildcard-action');
    expect(report.notifications).toEqual([]);
  });
});
