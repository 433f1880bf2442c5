/** Terraform references: each evaluated once, within the file's budget; a bound is a `limit` notification. */
import { beforeAll, describe, expect, it } from 'vitest';
import { TerraformScanner } from '@leakguard/scanner-terraform';
import { engine } from '../../cloudformation/tests/helpers.js';

const scanner = new TerraformScanner();
beforeAll(() => scanner.init());

const env = (value: string) => `resource "aws_lambda_function" "f" {\n  kms_key_arn = "arn:aws:kms:eu-west-1:1:key/k"\n  environment {\n    variables = { DB_PASSWORD = ${value} }\n  }\n}\n`;
const chain = (levels: number, count: number, body: (refs: string) => string) =>
  ['locals {', '  a0 = "Tf-Db-Passw0rd-2024!"', ...Array.from({ length: levels }, (_, i) => `  a${i + 1} = ${body(`\${local.a${i}}`.repeat(count))}`), '}'].join('\n') + '\n';

describe('Terraform: resolution bounds', () => {
  it.each<[string, string, string[], string[]]>([
    ['a local used 200 times resolves (memoised, not a bound)', chain(1, 1, (r) => `"${r}"`) + env(`"${'${local.a1}'.repeat(200)}"`), ['env/secret-literal'], []],
    ['a chain of 20 locals resolves', chain(20, 1, (r) => `"${r}"`) + env('local.a20'), ['env/secret-literal'], []],
    ['a chain of 40 locals is past the depth bound: said, not silent', chain(40, 1, (r) => `"${r}"`) + env('local.a40'), [], ['limit']],
    ['a cycle of locals stays unresolved', 'locals {\n  a = local.b\n  b = local.a\n}\n' + env('local.a'), [], []],
    ['a self-reference that fans out stays unresolved', `locals {\n  a = "${'${local.a}'.repeat(16)}"\n}\n` + env('local.a'), [], []],
    ['string fan-out: 16 references on 8 levels', chain(8, 16, (r) => `"${r}"`) + env('local.a8'), [], ['limit']],
    ['list fan-out: 16 items on 8 levels', ['locals {', '  a0 = ["x"]', ...Array.from({ length: 8 }, (_, i) => `  a${i + 1} = [${Array(16).fill(`local.a${i}`).join(', ')}]`), '}'].join('\n') + '\nresource "aws_iam_role" "r" {\n  managed_policy_arns = local.a8\n}\n', [], ['limit']],
    ['merge fan-out', ['locals {', '  a0 = { k0 = "v" }', ...Array.from({ length: 12 }, (_, i) => `  a${i + 1} = merge(${Array(8).fill(`local.a${i}`).join(', ')}, { k${i + 1} = "v" })`), '}'].join('\n') + '\n' + env('local.a12.k0'), [], []],
  ])('%s', async (_name, text, rules, kinds) => {
    const out = await scanner.scan({ path: 'main.tf', text }, { secrets: engine });
    expect(out.drafts.map((d) => d.ruleId).filter((id) => id.startsWith('env/')).sort()).toEqual(rules);
    expect(out.notifications.map((n) => n.kind)).toEqual(kinds);
    for (const n of out.notifications) expect(n).toMatchObject({ path: 'main.tf', line: expect.any(Number), message: expect.stringMatching(/not resolved: (too large|references nested too deep)/) });
  });
});
