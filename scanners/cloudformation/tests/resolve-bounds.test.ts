/** CloudFormation intrinsics: each evaluated once, within the file's budget; a bound is a `limit` notification. */
import { describe, expect, it } from 'vitest';
import { CloudFormationScanner } from '@leakguard/scanner-cloudformation';
import { engine } from './helpers.js';

const scanner = new CloudFormationScanner();
const env = (value: string) => ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', '  F:', '    Type: AWS::Lambda::Function', '    Properties:', '      KmsKeyArn: arn:aws:kms:eu-west-1:1:key/k', '      Environment:', '        Variables:', `          DB_PASSWORD: ${value}`].join('\n') + '\n';
const nestedSub = (levels: number, uses: number, wrap = (e: string) => e) => {
  let e = '"Cf-Db-Passw0rd-2024!"';
  for (let i = 0; i < levels; i++) e = wrap(`!Sub ["${'${a}'.repeat(uses)}", {a: ${e}}]`);
  return e;
};

describe('CloudFormation: resolution bounds', () => {
  it.each<[string, string, string[], string[]]>([
    ['a !Sub with a variable resolves', env(nestedSub(1, 1)), ['env/secret-literal'], []],
    ['!Sub variables used 10 times on 10 levels', env(nestedSub(10, 10)), [], ['limit']],
    ['!Join of !Sub fan-out', env(nestedSub(7, 10, (e) => `!Join ["", [${e}]]`)), [], ['limit']],
    ['a !Sub over 1 MiB from a short template', env(nestedSub(7, 10)), [], ['limit']],
    ['a !Sub that stays small resolves', env(nestedSub(3, 2)), ['env/secret-literal'], []],
  ])('%s', async (_name, text, rules, kinds) => {
    const out = await scanner.scan({ path: 'template.yaml', text }, { secrets: engine });
    expect(out.drafts.map((d) => d.ruleId).filter((id) => id.startsWith('env/')).sort()).toEqual(rules);
    expect(out.notifications.map((n) => n.kind)).toEqual(kinds);
    for (const n of out.notifications) expect(n).toMatchObject({ path: 'template.yaml', line: 9, message: expect.stringMatching(/not resolved: too large/) });
  });
});
