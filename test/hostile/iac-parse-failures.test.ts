/**
 * Inputs that cannot be parsed: a visible notification in every format, exit 2 under --strict
 * (a trailing `---` used to hide a template's admin policy behind a warning, and --strict exited
 * 0), and a parser message never quotes the source (it could be the secret): a position only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../support/cli.js';
import { leaks, runBounded } from './support/bounded-run.js';
import { seededAlnum } from './support/iac-inputs.js';

const secret = `ghp_${seededAlnum(42, 36)}`;
const adminPolicy = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', '  Admin:', '    Type: AWS::IAM::Policy', '    Properties:', '      PolicyDocument:', '        Statement:', '          - Effect: Allow', '            Action: "*"', '            Resource: "*"'];

const cases: { name: string; file: string; text: string; findings: boolean }[] = [
  { name: 'a template with a trailing "---" (its first document is still judged)', file: 'template.yaml', text: [...adminPolicy, '---', ''].join('\n'), findings: true },
  { name: 'a template with a syntax error', file: 'template.yaml', text: [...adminPolicy, '  ] oops', ''].join('\n'), findings: false },
  { name: 'an alias named by the secret (yaml quotes alias names unquoted)', file: 'template.yaml', text: [...adminPolicy.slice(0, 3), `    Type: *${secret}`, ''].join('\n'), findings: false },
  { name: 'a tag named by the secret', file: 'serverless.yml', text: ['service: s', 'provider:', '  name: aws', `  stage: !${secret} x`, '  x: [', ''].join('\n'), findings: false },
  { name: 'a flow sequence holding the secret, never closed', file: 'template.json', text: `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": ["${secret}" ${secret} }}\n`, findings: false },
];

interface Report {
  notifications: { kind: string; path?: string; line?: number; message: string }[];
}

describe('an input that could not be parsed is never a silent result', () => {
  it.each(cases)('$name', ({ file, text, findings }) => {
    const dir = makeProject({ [file]: text });
    const expected = findings ? 1 : 0;
    const json = runBounded(['scan', '.', '-j', '1', '-f', 'json', '-o', 'r.json'], { cwd: dir });
    expect(json.status, json.stderr).toBe(expected);
    const notes = (JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as Report).notifications.filter((n) => n.kind === 'parse-error');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ path: file, line: expect.any(Number) });
    expect(notes[0]!.message).toMatch(/could not be parsed at \d+:\d+/);

    const sarif = runBounded(['scan', '.', '-j', '1', '-f', 'sarif', '-o', 'r.sarif'], { cwd: dir });
    const log = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8')) as { runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { descriptor: { id: string } }[] }[] }[] };
    const invocation = log.runs[0]!.invocations[0]!;
    expect(invocation.toolExecutionNotifications.map((n) => n.descriptor.id)).toContain('parse-error');
    expect(invocation.executionSuccessful).toBe(false);

    const plain = runBounded(['scan', '.', '-j', '1'], { cwd: dir });
    expect(plain.stdout).toContain(`${file}:${notes[0]!.line}`);
    expect(plain.stdout).toMatch(/Inputs with problems/);

    const strict = runBounded(['scan', '.', '-j', '1', '--strict', '-f', 'json'], { cwd: dir });
    expect(strict.status, '--strict: an input that could not be parsed is exit 2').toBe(2);
    for (const run of [json, sarif, plain, strict]) expect(leaks(run, [secret])).toEqual([]);
  });
});
