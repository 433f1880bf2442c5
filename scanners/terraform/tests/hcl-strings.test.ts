/**
 * String values are what Terraform produces, read the same by both readers (the direct reader,
 * fast-hcl.ts, and the tree-sitter converter, hcl.ts): the text between the quotes with its spaces,
 * escapes decoded, interpolations kept; heredocs as written, `<<-` without the common indentation.
 * Comments are never values and never break a reference; a value on the line after `=` is a syntax
 * error, as in HCL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFindings, lineStarts } from '@leakguard/core';
import { Evaluator, TerraformScanner, emptySymbols, fastParseHcl, initHcl, parseHcl, parseHclTreeSitter, terraformFacts } from '@leakguard/scanner-terraform';
import { attr, type HBody } from '../src/model.js';
import { engine } from '../../cloudformation/tests/helpers.js';

beforeAll(async () => {
  await initHcl();
});

/** The value of `a` in `text`, evaluated with var.token = "T0K", local.m = { k = "v" }, local.l = ["w", "x"]. */
function valueOf(body: HBody): unknown {
  const scope = {
    variables: new Map([['token', { sensitive: false as const, default: { k: 'lit' as const, value: 'T0K', r: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } } }]]),
    locals: new Map(),
  };
  const loc = parseHclTreeSitter('m = { k = "v" }\nl = ["w", "x"]\n').body;
  for (const a of loc.attrs) scope.locals.set(a.name, a.expr);
  const a = attr(body, 'a');
  if (!a) return undefined;
  const v = new Evaluator(scope).eval(a.expr);
  return v.t === 'str' ? v.v : v.t;
}

// [what, text, the value of a, read by the direct reader too (else tree-sitter only)]
const VALUES: [string, string, string, boolean][] = [
  ['spaces around a literal', 'a = " secret "\n', ' secret ', true],
  ['inner and outer spaces', 'a = "  hello  world  "\n', '  hello  world  ', true],
  ['only spaces', 'a = "   "\n', '   ', true],
  ['empty string', 'a = ""\n', '', true],
  ['tabs', 'a = "\tx\t"\n', '\tx\t', true],
  ['space before an interpolation', 'a = "Bearer ${var.token}"\n', 'Bearer T0K', true],
  ['space after an interpolation', 'a = "${var.token} "\n', 'T0K ', true],
  ['spaces on both sides', 'a = " a ${var.token} b "\n', ' a T0K b ', true],
  ['spaces inside ${} do not count', 'a = "x${ var.token }y"\n', 'xT0Ky', true],
  ['two interpolations and a space', 'a = "${var.token} ${var.token}"\n', 'T0K T0K', true],
  ['escapes', 'a = " \\n\\t\\"q\\" \\\\ "\n', ' \n\t"q" \\ ', true],
  ['unicode escapes', 'a = "\\u00e9 \\U0001F600"\n', 'é 😀', true],
  ['literal ${ and %{', 'a = "$${x} %%{y}"\n', '${x} %{y}', true],
  ['dollars and percents that are not escapes', 'a = "$$ $ % %% 100%"\n', '$$ $ % %% 100%', true],
  ['an escaped backslash before $${', 'a = "\\\\$${x}"\n', '\\${x}', true],
  ['\\u0024 is a dollar, not the start of an escape', 'a = "\\u0024${var.token}"\n', '$T0K', true],
  ['heredoc: << keeps the indentation', 'a = <<EOT\n  one\n    two\nEOT\n', '  one\n    two\n', true],
  ['heredoc: <<- removes the common indentation', 'a = <<-EOT\n    one\n      two\n\n    three\n    EOT\n', 'one\n  two\n\nthree\n', true],
  ['heredoc: <<- with tabs', 'a = <<-EOT\n\t\tone\n\t\t  two\n\t\tEOT\n', 'one\n  two\n', true],
  ['heredoc: <<- with a line at column 1 removes nothing', 'a = <<-EOT\n    one\ntwo\n  EOT\n', '    one\ntwo\n', true],
  ['heredoc: blank lines do not count', 'a = <<-EOT\n    one\n  \n    two\n  EOT\n', 'one\n  \ntwo\n', true],
  ['heredoc: backslashes are literal, $${ is an escape', 'a = <<EOT\n  \\n $${x}\nEOT\n', '  \\n ${x}\n', true],
  ['heredoc: <<- and an interpolation', 'a = <<-EOT\n    Bearer ${var.token}\n      z\n    EOT\n', 'Bearer T0K\n  z\n', true],
  ['heredoc: << and an interpolation', 'a = <<EOT\n  Bearer ${var.token}\nEOT\n', '  Bearer T0K\n', true],
  ['a comment after a dot', 'a = local.m. /* c */ k\n', 'v', true],
  ['a comment inside an index', 'a = local.l[ /* c */ 1]\n', 'x', true],
  ['a comment between index and attribute', 'a = local.m /* c */ ["k"]\n', 'v', true],
  ['a comment inside parentheses', 'a = ( # c\n  local.m.k)\n', 'v', true],
  ['a comment inside a conditional', 'a = true ? # c\n  "y" : "n"\n', 'y', true],
  ['a block comment before the value', 'a = /* c */ " s "\n', ' s ', true],
  ['a block comment with a line break before the value', 'a = /* c\n */ "s"\n', 's', true],
  ['a comment inside a template interpolation', 'a = "Bearer ${ /* c */ var.token}"\n', 'Bearer T0K', true],
];

describe('HCL string values', () => {
  it.each(VALUES)('%s', (_what, text, expected, direct) => {
    const ts = parseHclTreeSitter(text);
    expect(ts.errors).toEqual([]);
    expect(valueOf(ts.body)).toBe(expected);
    const fast = fastParseHcl(text, lineStarts(text));
    if (direct) {
      expect(fast).toEqual(ts.body);
      expect(valueOf(fast!)).toBe(expected);
    } else {
      expect(fast).toBeUndefined();
    }
  });

  it.each<[string, string, string]>([
    ['spaced literal: offset of its first character', 'a = " s "\n', ' s '],
    ['heredoc as written', 'a = <<EOT\n  s\nEOT\n', '  s\n'],
  ])('%s: the literal maps 1:1 to the text', (_what, text, value) => {
    const e = attr(parseHcl(text).body, 'a')!.expr;
    expect(e).toMatchObject({ k: 'lit', value });
    expect(e.k === 'lit' && e.off !== undefined ? text.slice(e.off, e.off + value.length) : undefined).toBe(value);
  });

  it('block labels keep their spaces', () => {
    const text = 'resource " aws_x " "a  b " {}\n';
    expect(parseHclTreeSitter(text).body.blocks[0]!.labels).toEqual([' aws_x ', 'a  b ']);
    expect(fastParseHcl(text, lineStarts(text))!.blocks[0]!.labels).toEqual([' aws_x ', 'a  b ']);
  });
});

describe('a value on the line after "=" is a syntax error', () => {
  it.each<[string, string, number, number]>([
    ['a line comment after =', 'a = # c\n  "value"\nb = 1\n', 1, 4],
    ['a // comment after =', 'x {\n  a = // c\n    "value"\n}\n', 2, 6],
    ['a line break after =', 'a =\n  "value"\n', 1, 4],
    ['a line break before =', 'a\n  = "value"\n', 2, 4],
  ])('%s', (_what, text, line, column) => {
    expect(fastParseHcl(text, lineStarts(text))).toBeUndefined();
    const r = parseHcl(text);
    expect(r.errors).toEqual([{ message: 'syntax error: an attribute value must start on the line of its name and "="', line, column }]);
    // Never a silently wrong value: no attribute `a` at all (the comment is not its value).
    const all = [...r.body.attrs, ...r.body.blocks.flatMap((b) => b.body.attrs)];
    expect(all.map((x) => x.name)).not.toContain('a');
  });

  it.each<[string, string]>([
    ['a block comment on the same line', 'a = /* c */ "value"\n'],
    ['a block comment spanning lines', 'a = /* c\n */ "value"\n'],
    ['a comment after the value', 'a = "value" # c\n'],
  ])('%s is not', (_what, text) => {
    expect(parseHcl(text).errors).toEqual([]);
    expect(attr(parseHcl(text).body, 'a')!.expr).toMatchObject({ k: 'lit', value: 'value' });
  });
});

describe('findings from string values', () => {
  const scanner = new TerraformScanner();
  const scan = async (text: string) => {
    const out = await scanner.scan({ path: 'main.tf', text }, { secrets: engine });
    return { drafts: out.drafts, notifications: out.notifications };
  };

  it('a literal secret with spaces around it is reported at the value, with its spaces', async () => {
    const text = 'resource "aws_db_instance" "d" {\n  password = " Sup3r-S3cret-Db-2024 "\n}\n';
    const { drafts } = await scan(text);
    const d = drafts.find((x) => x.ruleId === 'secret/literal-secret-attribute');
    expect(d?.region).toMatchObject({ startLine: 2, startColumn: 14, endLine: 2, endColumn: 38 });
    // The fact holds the value Terraform reads; the judge (core) keeps the secret without the spaces.
    const starts = lineStarts(text);
    const facts = terraformFacts({ body: parseHcl(text).body, text, starts, symbols: emptySymbols(), tfvars: false });
    expect(facts.secretAttributes.map((x) => x.value.value)).toEqual([' Sup3r-S3cret-Db-2024 ']);
    expect(d?.secret).toBe('Sup3r-S3cret-Db-2024');
    // The reported finding never shows it.
    const findings = buildFindings('main.tf', text, drafts, (id) => scanner.rules.find((r) => r.id === id));
    expect(JSON.stringify(findings)).not.toContain('Sup3r-S3cret-Db-2024');
  });

  it.each<[string, string]>([
    ['<<EOF', '<<EOF\n{\n  "Statement": [{\n    "Effect": "Allow",\n    "Action": "s3:GetObject",\n    "Resource": "*"\n  }]\n}\nEOF'],
    ['<<-EOF (indentation removed from the value)', '<<-EOF\n    {\n      "Statement": [{\n        "Effect": "Allow",\n        "Action": "s3:GetObject",\n        "Resource": "*"\n      }]\n    }\n    EOF'],
  ])('a policy in a %s heredoc is reported at the offending value', async (_what, doc) => {
    const text = `resource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = ${doc}\n}\n`;
    const e = attr(parseHcl(text).body.blocks[0]!.body, 'policy')!.expr;
    expect(e.k === 'lit' && typeof e.value === 'string' ? e.value.split('\n')[0] : undefined).toBe('{');
    const { drafts } = await scan(text);
    const d = drafts.find((x) => x.ruleId === 'iam/wildcard-resource');
    const line = text.split('\n').findIndex((l) => l.includes('"Resource": "*"'));
    expect(d?.region).toMatchObject({ startLine: line + 1, startColumn: text.split('\n')[line]!.indexOf('"*"') + 1 });
  });

  it('a secret after a comment on the line of "=" is a parse error, not a value', async () => {
    const text = 'resource "aws_db_instance" "d" {\n  password = # the db password\n    "Sup3r-S3cret-Db-2024"\n}\n';
    const { drafts, notifications } = await scan(text);
    expect(notifications).toMatchObject([{ kind: 'parse-error', line: 2, column: 13 }]);
    expect(notifications[0]!.message).not.toContain('Sup3r');
    expect(drafts.map((x) => x.ruleId)).not.toContain('secret/literal-secret-attribute');
  });

  it.each<[string, string]>([
    ['an interpolation with a space before it', '"Bearer ${var.api_token}"'],
    ['a comment inside the reference', 'var. /* c */ api_token'],
    ['a comment inside an index', 'var.tokens[ /* c */ 0]'],
  ])('a Lambda environment value through %s is resolved', async (_what, expr) => {
    const text = `variable "api_token" {\n  default = "tok-7c2e9a41b6d05f83ea"\n}\nvariable "tokens" {\n  default = ["tok-7c2e9a41b6d05f83ea"]\n}\nresource "aws_lambda_function" "f" {\n  function_name = "f"\n  kms_key_arn   = "arn:aws:kms:eu-west-1:123456789012:key/k"\n  environment {\n    variables = {\n      API_TOKEN = ${expr}\n    }\n  }\n}\n`;
    const { drafts } = await scan(text);
    const d = drafts.find((x) => x.ruleId === 'env/secret-literal');
    expect(d?.region).toMatchObject({ startLine: 12, startColumn: 19 });
    expect(d?.secret).toBe(expr.startsWith('"Bearer') ? 'Bearer tok-7c2e9a41b6d05f83ea' : 'tok-7c2e9a41b6d05f83ea');
  });
});
