/**
 * Every SARIF document the CLI writes validates against the official 2.1.0 schema and meets
 * GitHub code scanning's extra requirements.
 */
import { chmodSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from './support/cli.js';
import { githubProblems, schemaErrors } from './support/sarif.js';
import { PEM_KEY, PLANTED } from './support/planted.js';

function sarifOf(args: string[], cwd?: string): Sarif.Log {
  const run = runCli(['scan', '--format', 'sarif', '--quiet', ...args], cwd ? { cwd } : {});
  expect(run.status, run.stderr).not.toBe(2);
  return JSON.parse(run.stdout) as Sarif.Log;
}

const cases: [string, () => Sarif.Log][] = [
  ['the example app', () => sarifOf(['examples/serverless-app'])],
  ['an empty folder', () => sarifOf(['.'], makeProject({}))],
  [
    'a project with odd paths, binaries, a symlink loop and a missing path',
    () => {
      const root = makeProject({
        'with space/dir #1/key.pem': PEM_KEY,
        'ünïcødé/ключ.txt': `token\n${PEM_KEY}`,
        'bin/blob.bin': Buffer.from([0, 1, 2, 3, 0, 255]),
        'deep/a/b/c/d/e/f/g/notes.md': 'nothing here',
      });
      symlinkSync(root, join(root, 'deep/loop'));
      return sarifOf(['.', 'does-not-exist'], root);
    },
  ],
];

describe('SARIF output', () => {
  it.each(cases)('for %s validates against the SARIF 2.1.0 schema and GitHub rules', (_name, make) => {
    const log = make();
    expect(schemaErrors(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
  });

  it('reports results with relative, percent-encoded URIs and full regions', () => {
    const root = makeProject({ 'with space/dir #1/key.pem': `\n  ${PEM_KEY}` });
    const log = sarifOf(['.'], root);
    const result = log.runs[0]!.results![0]!;
    const loc = result.locations![0]!.physicalLocation!;
    expect(loc.artifactLocation!.uri).toBe('with%20space/dir%20%231/key.pem');
    expect(loc.region).toMatchObject({ startLine: 2, startColumn: 3, endLine: 2 + PEM_KEY.split('\n').length - 1 });
    expect(result.partialFingerprints!.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
  });

  it('lists inputs that could not be read as tool notifications and marks the run unsuccessful', () => {
    const root = makeProject({ 'ok.txt': 'fine' });
    const log = sarifOf(['.', 'missing-folder'], root);
    const invocation = log.runs[0]!.invocations![0]!;
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toEqual([
      expect.objectContaining({
        level: 'error',
        descriptor: { id: 'read-error' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'missing-folder', uriBaseId: '%SRCROOT%' } } }],
      }),
    ]);
  });

  it('points findings in decoded and nested IaC values at the attribute that holds them', () => {
    const b64 = (t: string) => Buffer.from(t).toString('base64');
    const userData = b64(`#!/bin/bash\ncat > /root/.ssh/id_rsa <<EOF\n${PEM_KEY}\nEOF\n`);
    const root = makeProject({
      'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n      UserData: ${userData}\n`,
      'k8s/secret.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: ${b64(PLANTED.password)}\n`,
      'docker-compose.yml': `services:\n  api:\n    environment:\n      - LOG_LEVEL=debug\n      - DB_PASSWORD=${PLANTED.password}\n`,
    });
    const log = sarifOf(['.'], root);
    expect(schemaErrors(log)).toEqual([]);
    const results = log.runs[0]!.results!.map((r) => {
      const loc = r.locations![0]!.physicalLocation!;
      return [loc.artifactLocation!.uri, r.ruleId, loc.region!.startLine, loc.region!.startColumn];
    });
    expect(results.sort()).toEqual([
      ['docker-compose.yml', 'env/secret-literal', 5, 21],
      ['k8s/secret.yaml', 'secret/literal-secret-attribute', 11, 13],
      ['template.yaml', 'secret/private-key-rsa', 7, 17],
    ]);
    const decoded = log.runs[0]!.results!.find((r) => r.ruleId === 'secret/private-key-rsa')!;
    expect(decoded.message.text).toMatch(/Resources\.Web\.Properties\.UserData, once base64-decoded/);
    const text = JSON.stringify(log);
    for (const secret of [PLANTED.password, PLANTED.pemBody, userData]) expect(text).not.toContain(secret);
  });

  it('keeps fingerprints stable when the secret moves to another line', () => {
    const before = sarifOf(['.'], makeProject({ 'k.pem': PEM_KEY }));
    const after = sarifOf(['.'], makeProject({ 'k.pem': `\n\n\n${PEM_KEY}` }));
    const fp = (log: Sarif.Log) => log.runs[0]!.results![0]!.partialFingerprints!['leakguard/v1'];
    expect(fp(before)).toBeDefined();
    expect(fp(after)).toBe(fp(before));
  });

  it('uses the --category for runAutomationDetails and writes --output files', () => {
    const root = makeProject({ 'k.pem': PEM_KEY });
    const run = runCli(['scan', '.', '--format', 'sarif', '--output', 'out.sarif', '--category', 'team/secrets'], { cwd: root });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const log = JSON.parse(readFileSync(join(root, 'out.sarif'), 'utf8')) as Sarif.Log;
    expect(log.runs[0]!.automationDetails!.id).toMatch(/^team\/secrets\/[0-9a-f-]{36}$/);
    expect(schemaErrors(log)).toEqual([]);
  });

  it('still writes valid SARIF when a file cannot be read', () => {
    const root = makeProject({ 'locked.txt': 'x', 'k.pem': PEM_KEY });
    chmodSync(join(root, 'locked.txt'), 0o000);
    const log = sarifOf(['.'], root);
    expect(schemaErrors(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
  });
});
