/** serverless `${self:}`: each path resolved once, cycles unresolved, a bound is a `limit` notification. */
import { describe, expect, it } from 'vitest';
import { ServerlessScanner } from '@leakguard/scanner-serverless';
import { engine } from '../../cloudformation/tests/helpers.js';

const scanner = new ServerlessScanner();
const sls = (custom: string[], value: string) => ['service: s', 'provider:', '  name: aws', '  kmsKeyArn: arn:aws:kms:eu-west-1:1:key/k', 'custom:', ...custom, 'functions:', '  f:', '    handler: h.main', '    environment:', `      DB_PASSWORD: ${value}`].join('\n') + '\n';
const levels = (n: number, uses: number) => ['  a0: Sls-Db-Passw0rd-2024!', ...Array.from({ length: n }, (_, i) => `  a${i + 1}: "${`\${self:custom.a${i}}`.repeat(uses)}"`)];

describe('serverless: resolution bounds', () => {
  it.each<[string, string, string[], string[]]>([
    ['a chain of 12 references resolves', sls(levels(12, 1), '${self:custom.a12}'), ['env/secret-literal'], []],
    ['a chain of 20 references is past the depth bound: said, not silent', sls(levels(20, 1), '${self:custom.a20}'), [], ['limit']],
    ['a value that refers to itself stays unresolved', sls(['  a: ${self:custom.a}'], '${self:custom.a}'), [], []],
    ['a self-cycle that fans out (12 uses) stays unresolved, quickly', sls([`  a: "${'${self:custom.a}'.repeat(12)}"`], '${self:custom.a}'), [], []],
    ['a two-step cycle stays unresolved', sls(['  a: ${self:custom.b}', '  b: ${self:custom.a}'], '${self:custom.a}'), [], []],
    ['16 uses on 7 levels', sls(levels(7, 16), '${self:custom.a7}'), [], ['limit']],
  ])('%s', async (_name, text, rules, kinds) => {
    const out = await scanner.scan({ path: 'serverless.yml', text }, { secrets: engine });
    expect(out.drafts.map((d) => d.ruleId).filter((id) => id.startsWith('env/')).sort()).toEqual(rules);
    expect(out.notifications.map((n) => n.kind)).toEqual(kinds);
  });
});
