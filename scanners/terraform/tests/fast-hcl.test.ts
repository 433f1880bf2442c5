/**
 * The direct HCL reader (fast-hcl.ts) must build exactly the model the tree-sitter converter
 * builds, or give up so that tree-sitter is used. Each case is parsed both ways and compared
 * field by field (regions, offsets, escapes, strings' spaces, comments inside expressions).
 * tests/hcl-strings.test.ts pins the values themselves.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { mutations } from '../../../test/support/mutations.js';
import { lineStarts } from '@leakguard/core';
import { fastParseHcl, initHcl, parseHcl, parseHclTreeSitter } from '../src/index.js';

beforeAll(async () => {
  await initHcl();
});

function compare(text: string): { fast: boolean; same: boolean } {
  const fast = fastParseHcl(text, lineStarts(text));
  const ref = parseHclTreeSitter(text);
  if (fast === undefined) return { fast: false, same: true };
  return { fast: true, same: ref.errors.length === 0 && isDeepStrictEqual(fast, ref.body) };
}

// [what, text] read directly (and identical to tree-sitter's model).
const READ: [string, string][] = [
  ['empty file', ''],
  ['only comments', '# a\n// b\n/* c\n d */\n'],
  ['attribute and block', 'a = 1\nresource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n'],
  ['one-line and empty blocks', 'a { b = 1 }\nc {}\nd "x" y {\n}\n'],
  ['labels keep their spaces', 'resource " aws_x " "a  b" {}\n'],
  ['string: spaces next to the quotes are kept', 'a = "  hello  world  "\n'],
  ['string: only spaces', 'a = "   "\nb = ""\n'],
  ['string: escapes', 'a = "say \\"hi\\"\\n\\t\\\\ \\u00e9 \\U0001F600"\n'],
  ['string: dollar and percent escapes', 'a = "$${not} $$ $ % %%{x} 100%"\n'],
  ['template: interpolations and the spaces around them', 'a = "x ${var.y} z ${local.w}"\nb = "${var.a}${var.b}"\n'],
  ['template: empty interpolation', 'a = "x${}y"\n'],
  ['template: nested quotes', 'a = "${lookup(var.m, "k", "d")}-x"\n'],
  ['template: escapes in segments', 'a = "\\"${var.x}\\" \\n"\n'],
  ['heredoc literal', 'a = <<EOT\nline one\n  line two $${x}\nEOT\nb = 1\n'],
  ['indented heredoc', 'x {\n  a = <<-EOF\n    {"k": "v"}\n    EOF\n}\n'],
  ['<<- heredoc: common indentation removed, blank lines kept', 'a = <<-EOT\n    x\n\n      y $${z}\n    EOT\n'],
  ['<<- heredoc: JSON whose indentation is removed', 'a = <<-EOT\n    {\n      "k": "v"\n    }\n    EOT\n'],
  ['empty heredoc', 'a = <<EOT\nEOT\n'],
  ['heredoc template', 'a = <<EOT\nhello ${var.name}\nEOT\n'],
  ['heredoc template: a policy', 'p = <<POLICY\n{\n  "Resource": "${aws_sqs_queue.q.arn}",\n  "Sid": "${var.a}${var.b}"\n}\nPOLICY\n'],
  ['<<- heredoc template: indentation removed across interpolations', 'x {\n  c = <<-EOT\n    aws x --id ${var.id} \\\n      --name "${lookup(var.m, "k", "d")}"\n    ${var.tail}\n    EOT\n}\n'],
  ['heredoc template with escapes beside interpolations', 'a = <<EOT\n$${literal} ${var.x} %%{y} $$ %\nEOT\n'],
  ['heredoc template: interpolation at the start of a line and an empty one', 'a = <<-EOT\n  ${var.x}\n\n  y${}\n  EOT\n'],
  ['heredoc closing line with trailing spaces, CRLF', 'a = <<EOT\r\nx\r\nEOTX\r\nEOT  \r\nb = 2\r\n'],
  ['references', 'a = var.x["k"][0].y\nb = var.x[local.i]\nc = aws_iam_role.r.arn\nd = var.m["${x}"]\n'],
  ['suffixes on non-references', 'a = f(x).y\nb = [1, 2][0]\nc = "s"[0]\nd = {a = 1}.a\n'],
  ['numbers', 'a = 1\nb = 1.5\nc = 1.5e3\nd = 2.0E-2\ne = 0x1F\n'],
  ['booleans and null', 'a = true\nb = false\nc = null\nd = true-ish\ne = nullable\n'],
  ['objects: separators and keys', 'a = { k1 = 1, "k2" = 2, k3: 3 }\nb = {\n  x = 1\n  y = "z"\n}\nc = { true = 1, a.b = 2, "${x}" = 3, 4 = 5 }\n'],
  ['tuples: trailing comma and comments', 'a = [\n  "x", # one\n  "y", // two\n  /* three */ "z",\n]\nb = []\n'],
  ['calls', 'a = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:*"], Resource = "*" }] })\nb = f()\nc = g(1, 2,)\nd = provider::aws::arn_parse("x")\n'],
  ['identifiers with dashes', 'a-b = c-d\nblock-x "l" {}\n'],
  ['non-ASCII text in strings and comments', '# café\na = "héllo wörld 😀"\nb = "😀x${var.y}é"\n'],
  ['blocks in blocks', 'a {\n  b {\n    c {\n      d = [{ e = "f" }]\n    }\n  }\n}\n'],
  ['whitespace between tokens', 'a    =    var . x [ "k" ]\nb=f( 1 ,2 )\n'],
  ['binary operations (read as text)', 'a = b + c\nb = var.x * 2 - local.y / 3 % 4\nc = var.a >= 1 && var.b <= 2 || var.c > 3 && var.d < 4\nd = var.e != "x"\ne = f(1 + 2, "${var.n + 1}")\n'],
  ['unary operations', 'a = -1\nb = !var.x\nc = -var.y.z + 1\nd = !var.p == false\n'],
  ['conditionals', 'a = var.x ? "y" : "z"\nb = var.env == "prod" ? 1 : 2\nc = var.a ? var.b ? 1 : 2 : 3\nd = var.a ? 1 : var.b ? 2 : 3\ne = { k = var.x ? "a" : "b" }\nf = var.c ? "p" : "q" + "r"\n'],
  ['conditionals in arguments, indexes and templates', 'a = f(var.x ? 1 : 2, 3)\nb = var.m[var.k ? "a" : "b"]\nc = "${var.x ? "on" : "off"}-s"\nd = [var.x ? 1 : 2]\n'],
  ['for expressions (read as text)', 'a = [for x in var.y : x]\nb = { for k, v in var.m : k => v }\nc = [for s in var.l : upper(s) if s != ""]\nd = { for i in var.l : i.name => i... }\ne = [for x in var.y : x][0]\nf = { for k, v in var.m : k => v if v != null }\n'],
  ['splats and legacy indexes (read as text)', 'a = aws_instance.x[*].id\nb = var.l.*.id\nc = var.l.0\nd = var.l.0.name[1]\ne = f(x)[*]\n'],
  ['parentheses', 'a = (var.x)\nb = (var.x).y\nc = ("s")\nd = (1 + 2) * 3\ne = (var.a ? 1 : 2)\n'],
  ['comments after a conditional, an operation, a reference', 'a = var.x ? 1 : 2\n\n# next\nb = 1 + 2 # c\nc = var.y # c\nd = f(1) /* c */\n'],
  ['comments inside operations', 'a = 1 + # c\n  2\nb = var.x /* c */ * 3 # c\n'],
  ['comments after values and between items', 'a = var.x # after\nb = 1 // after\n/* between */ c = "x" /* after */\n'],
  // Comments are never values: the converter skips them wherever they sit.
  ['a comment between name and =', 'a /* c */ = 1\n'],
  ['a comment inside a reference', 'a = [var # c\n  .x]\n'],
  ['a comment after a dot', 'a = var. /* c */ x\n'],
  ['a comment inside an index', 'a = var.m[ /* c */ "k"]\n'],
  ['a comment inside a conditional', 'a = var.x ? # c\n  1 : 2\nb = var.x # c\n  ? 1 : 2\n'],
  ['a comment inside parentheses', 'a = ( # c\n  var.x)\n'],
  ['a block comment spanning lines before a value', 'a = /* c\n */ 1\n'],
  ['comments in tuples, objects, calls, interpolations and block headers', 'a = [ # c\n 1, /* c */ 2 ]\nb = { # c\n k = # c\n 1 # c\n}\nc = f( # c\n 1)\nd = "${ /* c */ var.x}"\nr "l" /* c */ {\n  # c\n}\n'],
];

// [what, text] outside the subset: tree-sitter reads them.
const FALLBACK: [string, string][] = [
  ['template directive', 'a = "%{ if var.x }y%{ endif }"\n'],
  ['strip marker', 'a = "${~ var.x ~}"\n'],
  ['heredoc with a directive', 'a = <<EOT\n%{ for x in var.l }${x}%{ endfor }\nEOT\n'],
  ['heredoc closed at end of file without newline', 'a = <<EOT\nx\nEOT'],
  ['ellipsis', 'a = f(var.l...)\n'],
  ['missing value', 'a = \n'],
  ['unterminated string', 'a = "abc\n'],
  ['invalid escape', 'a = "\\q"\n'],
  ['unclosed block', 'a {\n  b = 1\n'],
  ['JSON-like root object', '{ "a": 1 }\n'],
  ['non-ASCII identifier', 'é = 1\n'],
  ['no-break space between tokens', 'a =\u00a01\n'],
  ['number followed by letters', 'a = 10s\n'],
  // A line break before an attribute's value: a syntax error in HCL, which the converter reports.
  ['a line comment between name and value', 'a = # c\n  1\n'],
  ['a line break between = and value', 'a =\n  1\n'],
  ['a line break between name and =', 'a\n  = 1\n'],
  ['shift-like operator', 'a = 1 << 2\n'],
  ['a conditional as a for collection', 'a = [for x in var.a ? var.b : var.c : x]\n'],
  ['spaced splat', 'a = var.l[ * ]\n'],
];

describe('fast HCL reader', () => {
  it.each(READ)('reads %s exactly as tree-sitter does', (_what, text) => {
    expect(compare(text)).toEqual({ fast: true, same: true });
  });

  it.each(FALLBACK)('leaves %s to tree-sitter', (_what, text) => {
    expect(fastParseHcl(text, lineStarts(text))).toBeUndefined();
    // parseHcl then gives tree-sitter's result, errors included.
    expect(parseHcl(text)).toEqual(parseHclTreeSitter(text));
  });

  it('keeps tree-sitter parse errors (the fast reader never reports one)', () => {
    const r = parseHcl('resource "x" "y" {\n  a = \n}\n');
    expect(r.errors.length).toBe(1);
    expect(r.errors[0]!.line).toBeGreaterThan(0);
  });

  // Mutations of the cases above (seeded, so every run checks the same inputs): whatever the
  // fast reader accepts must be what tree-sitter reads without an error.
  it('agrees with tree-sitter on 2,000 mutated inputs it accepts', () => {
    const bases = [...READ, ...FALLBACK].map(([, t]) => t);
    const pieces = ['"', '$', '{', '}', '[', ']', '(', ')', '.', ',', '=', ':', '#', '//', '/*', '*/', '\n', ' ', '\\', '${', '%{', '<<EOT\n', '\nEOT\n', '-', '?', '*', 'a', '1', 'true', '0x', 'for ', '~', '\t', '\r\n', 'é', '::', '...', '!', 'EOT', ' ? ', ' : ', ' + ', ' == ', ' && ', '>=', ' ? 1 : 2', '[for x in y : x]', '.*', '[*]', '(', ' => ', 'if ', ' "', '" ', '<<-EOT\n  ', '\n  EOT\n', ' /* c */ ', '# c\n'];
    const bad: string[] = [];
    let accepted = 0;
    for (const t of mutations(bases, pieces, 2000, 20261123)) {
      const r = compare(t);
      if (r.fast) accepted++;
      if (!r.same) bad.push(t);
    }
    expect(bad).toEqual([]);
    expect(accepted).toBeGreaterThan(200);
  });

  // The generated IaC corpus (pnpm bench iac) and the examples, when present: every file the
  // fast reader accepts must match tree-sitter.
  const roots = [join(__dirname, '..', '..', '..', '.bench', 'iac', 'corpus', 'terraform'), join(__dirname, '..', '..', '..', 'examples')];
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(tf|tfvars)$/.test(n)) files.push(p);
    }
  };
  for (const r of roots) if (existsSync(r)) walk(r);
  const sample = files.filter((_f, i) => i % Math.max(1, Math.floor(files.length / 200)) === 0);
  it.runIf(sample.length > 0)('agrees with tree-sitter on %d corpus and example files', () => {
    const bad = sample.filter((f) => !compare(readFileSync(f, 'utf8')).same);
    expect(bad).toEqual([]);
  });
});
