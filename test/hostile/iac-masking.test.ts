/**
 * A secret an IaC finding reports, written in a form other than its evaluated value: snippets used
 * to be masked by searching the value in the line, so escapes, `!Join`/`!Sub`, HCL interpolation,
 * locals, `${self:}` and folded YAML showed it in clear in JSON and SARIF. Snippets now mask the
 * value's whole region. Each secret is written in 15-character parts (see secretInParts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../support/cli.js';
import { leaks, runBounded } from './support/bounded-run.js';
import { secretInParts } from './support/iac-inputs.js';

const cfn = (value: string) => ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', '  F:', '    Type: AWS::Lambda::Function', '    Properties:', '      Environment:', '        Variables:', `          DB_PASSWORD: ${value}`].join('\n') + '\n';
const sls = (value: string, custom = '') => ['service: s', 'provider:', '  name: aws', ...(custom ? ['custom:', custom] : []), 'functions:', '  f:', '    handler: h.main', '    environment:', `      DB_PASSWORD: ${value}`].join('\n') + '\n';
const tf = (value: string, extra = '') => `${extra}resource "aws_lambda_function" "f" {\n  environment {\n    variables = {\n      DB_PASSWORD = ${value}\n    }\n  }\n}\n`;

const cases: { name: string; file: string; text: (p: [string, string, string]) => string }[] = [
  { name: 'HCL escapes (\\u0041 between the parts)', file: 'main.tf', text: ([a, b, c]) => tf(`"${a}\\u0041:${b}\\u0042:${c}"`) },
  { name: 'HCL interpolation of a local', file: 'main.tf', text: ([a, b, c]) => tf(`"${a}\${local.mid}${c}"`, `locals {\n  mid = "${b}"\n}\n`) },
  { name: 'HCL interpolation of literals', file: 'main.tf', text: ([a, b, c]) => tf(`"${a}\${"${b}"}${c}"`) },
  { name: 'CloudFormation !Join', file: 'template.yaml', text: ([a, b, c]) => cfn(`!Join ["", [${a}, ${b}, ${c}]]`) },
  { name: 'CloudFormation !Sub with a variable', file: 'template.yaml', text: ([a, b, c]) => cfn(`!Sub ["${a}\${M}${c}", {M: ${b}}]`) },
  { name: 'serverless ${self:}', file: 'serverless.yml', text: ([a, b, c]) => sls(`"${a}\${self:custom.mid}${c}"`, `  mid: ${b}`) },
  { name: 'YAML double-quoted, folded across lines', file: 'template.yaml', text: ([a, b, c]) => cfn(`"${a}\\\n            ${b}\\\n            ${c}"`) },
];

describe('IaC snippets mask a secret however the source spells it', () => {
  it.each(cases)('$name', ({ file, text }) => {
    const { parts, secret } = secretInParts(1000 + cases.findIndex((c) => c.file === file));
    const dir = makeProject({ [file]: text(parts) });
    for (const format of ['json', 'sarif', 'text']) {
      const run = runBounded(['scan', '.', '-j', '1', '-f', format, '-o', `report.${format}`], { cwd: dir });
      expect(run.status, run.stderr).toBe(1);
      expect(leaks(run, [secret]), `${format} report`).toEqual([]);
    }
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { findings: { ruleId: string; snippet?: string }[] };
    // The finding is there (the test is not passing for want of one), with a snippet.
    expect(report.findings.some((f) => f.ruleId === 'env/secret-literal' && f.snippet)).toBe(true);
  });
});
