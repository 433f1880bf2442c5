/**
 * The direct YAML reader (fast-yaml.ts) must build exactly the tree that `yaml` and the converter
 * build, or give up so that `yaml` is used. Each case is parsed both ways and compared field by
 * field (values by the core schema, spans of keys, values and collections, long and short forms).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { mutations } from '../../../test/support/mutations.js';
import { DEFAULT_LIMITS, INTRINSIC_TAGS, parseTree, parseTreeWithYaml } from '../src/index.js';
import { fastParseYaml } from '../src/fast-yaml.js';

const LONG_FORMS = new Set(['Ref', 'Condition', ...Object.values(INTRINSIC_TAGS)]);
const fast = (text: string) => fastParseYaml(text, { limits: DEFAULT_LIMITS, tags: INTRINSIC_TAGS, longForms: LONG_FORMS });

function compare(text: string): { fast: boolean; same: boolean } {
  const mine = fast(text);
  if (mine === undefined) return { fast: false, same: true };
  const ref = parseTreeWithYaml(text);
  return { fast: true, same: ref.problems.length === 0 && isDeepStrictEqual(mine, ref.root) };
}

// [what, text] read directly, identical to yaml's tree.
const READ: [string, string][] = [
  ['a block map of plain scalars', 'a: 1\nb: text with spaces\nc: -2.5e3\n'],
  ['core schema values', 'n1: ~\nn2: null\nn3: NULL\nb1: true\nb2: False\ni: 012\nh: 0x1F\no: 0o17\nf: .5\ninf: -.inf\nnan: .NaN\ns: 2010-09-09\nv: 1.0\nq: +12\n'],
  ['keys resolved by the core schema', '1: a\n012: b\ntrue: c\nnull: d\n"quoted key": e\n\'single\': f\n'],
  ['a template with short-form tags', 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: !GetAtt Role.Arn\n      Name: !Sub "${AWS::StackName}-fn"\n      Code: !Ref Bucket\n'],
  ['a tag on a block sequence and a block map', 'A: !Join\n  - ""\n  - - a\n    - !Ref B\nB: !If\n  - Cond\n  - x\n  - !Ref AWS::NoValue\nC: !Sub\n  - "${x}"\n  - x: 1\n'],
  ['long forms in JSON style', 'A: {"Ref": "B"}\nC: {"Fn::GetAtt": ["D", "Arn"]}\nE: { "Fn::Join": ["", [ "a", {"Ref": "F"} ]] }\n'],
  ['a JSON template', '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "B": {\n      "Type": "AWS::S3::Bucket",\n      "Properties": { "BucketName": "x\\u00e9\\n\\"q\\"", "N": -0.5e1, "T": true, "Z": null, "L": [] }\n    }\n  }\n}\n'],
  ['compact sequences of maps', 'Statement:\n  - Effect: Allow\n    Action:\n      - s3:GetObject\n      - "s3:PutObject"\n    Resource: "*"\n  - Effect: Deny\n    Action: "*"\n'],
  ['a sequence at the key\'s indentation', 'a:\n- x\n- y\nb: 1\n'],
  ['nested sequences', '- - a\n  - b\n- - c\n'],
  ['literal block scalars and chomping', 'a: |\n  one\n    two\n\n  three\nb: |-\n  x\nc: |+\n  y\n\nd: 1\n'],
  ['folded block scalars', 'a: >\n  one\n  two\n\n  three\nb: >-\n  x\n  y\n'],
  ['a block scalar under a tag', 'UserData: !Base64 |\n  #!/bin/bash\n  echo hi\nSub: !Sub |\n  a ${B}\n'],
  ['comments everywhere they do not move an end', '# head\n---\na: 1 # one\n# between\nb:\n  # before\n  c: 2\n\n# before d\nd: 3\n'],
  ['empty values', 'a:\nb: \nc: # comment\nd: 1\ne:\n- \n- x\n'],
  ['quoted scalars with escapes', 'a: "tab\\there \\u263A \\x41 \\\\ \\/ \\" "\nb: \'it\'\'s\'\nc: ""\nd: \'\'\n'],
  ['plain scalars with inner indicators', 'a: b:c\nd: http://x/y?z=1#frag\ne: x # comment\nf: -x\ng: ?y\nh: a[1]{2},\n'],
  ['flow collections over several lines', 'A: [\n    a,\n    b, # note\n    { k: v, "q": [1, 2] },\n  ]\nB: 1\n'],
  ['the last value is a flow collection', 'x:\n  y: [a, b]\n'],
  ['a nested map ending at the end of the text without a newline', 'A:\n  k: v'],
  ['a banner comment between a key and its block map', 'Resources:\n##########\n# The API\n  Api:\n    Type: AWS::Serverless::Api\n'],
  ['a literal block scalar with a line of only spaces', 'Code: |\n  def f():\n      \n    return 1\nNext: 1\n'],
  ['non-ASCII text', 'a: héllo wörld 😀\nb: "ü"\n'],
];

// [what, text] outside the subset: yaml reads them.
const FALLBACK: [string, string][] = [
  ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
  ['a merge key', 'base: {a: 1}\nc:\n  <<: {a: 2}\n'],
  ['another tag', 'a: !!str 1\nb: !Custom x\n'],
  ['a multi-line plain scalar', 'a: one\n  two\n'],
  ['a multi-line quoted scalar', 'a: "one\n  two"\n'],
  ['carriage returns', 'a: 1\r\nb: 2\r\n'],
  ['two documents', 'a: 1\n---\nb: 2\n'],
  ['a directive', '%YAML 1.2\n---\na: 1\n'],
  ['an indentation indicator', 'a: |2\n    x\n'],
  ['a tab in the indentation', 'a:\n\tb: 1\n'],
  ['a complex key', '? a\n: b\n'],
  ['a flow continuation line not indented enough', 'A:\n  B: [\n  x]\n'],
  ['a comment deeper than the line after a collection', 'A:\n  k: v\n    # deep\nB: 1\n'],
  ['a comment above a lone value, less indented than it', 'A:\n# c\n  text\nB: 1\n'],
  ['a line of only spaces at the end of a literal block scalar', 'a: |\n  x\n    \nb: 1\n'],
  ['a key without a value in a flow map', 'a: {b, c: 1}\n'],
  ['a syntax error', 'a: [1, 2\nb: 3\n'],
  ['an empty document', '# only a comment\n'],
  ['a more-indented line in a folded scalar', 'a: >\n  x\n    y\n'],
  ['a map value on the key line', 'a: b: c\n'],
];

describe('direct YAML reader', () => {
  it.each(READ)('reads %s exactly as yaml does', (_what, text) => {
    expect(compare(text)).toEqual({ fast: true, same: true });
  });

  it.each(FALLBACK)('leaves %s to yaml', (_what, text) => {
    expect(fast(text)).toBeUndefined();
    // parseTree then gives yaml's result, problems included.
    expect(parseTree(text)).toEqual(parseTreeWithYaml(text));
  });

  it('gives up beyond the node limit, where yaml reports it', () => {
    const text = Array.from({ length: 50 }, (_, i) => `k${i}: v`).join('\n') + '\n';
    expect(fastParseYaml(text, { limits: { ...DEFAULT_LIMITS, maxNodes: 20 }, tags: INTRINSIC_TAGS, longForms: LONG_FORMS })).toBeUndefined();
    expect(parseTree(text, { ...DEFAULT_LIMITS, maxNodes: 20 }).problems[0]?.message).toMatch(/more than 20 nodes/);
  });

  // Mutations of the cases above (seeded, so every run checks the same inputs): whatever the
  // direct reader accepts must be what yaml reads without a problem.
  it('agrees with yaml on 4,000 mutated inputs it accepts', () => {
    const bases = [...READ, ...FALLBACK].map(([, t]) => t);
    const pieces = ['\n', ' ', '  ', '- ', ': ', ':', '#', ' # c', '"', "'", '[', ']', '{', '}', ',', '!Ref ', '!Sub ', '!!str ', '&a ', '*a', '|', '>', '|-', '>+', '\\', '\t', '---\n', '...\n', '?', 'x', '1', 'null', 'true', '0x', '.5', '\n  ', '\n    ', '\n- ', '\n  # c\n', '\n\n', 'é', '%'];
    const bad: string[] = [];
    let accepted = 0;
    for (const t of mutations(bases, pieces, 4000, 20261202)) {
      const r = compare(t);
      if (r.fast) accepted++;
      if (!r.same) bad.push(t);
    }
    expect(bad).toEqual([]);
    expect(accepted).toBeGreaterThan(600);
  });

  // The repository's YAML and JSON, and real templates under .bench when present (pnpm bench real,
  // peers' corpora): every file the direct reader accepts must match yaml.
  const root = join(__dirname, '..', '..', '..');
  const dirs = [join(root, 'examples'), join(root, '.github'), join(root, '.bench', 'real', 'tree', 'iac'), join(root, '.bench', 'iac', 'corpus')];
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      const s = statSync(p);
      if (s.isDirectory()) {
        if (n !== 'node_modules' && n !== '.git') walk(p);
      } else if (/\.(ya?ml|json|template)$/.test(n) && s.size < 1_000_000) files.push(p);
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d);
  // At most about 400 files, spread over the list, keep the run short.
  const sample = files.filter((_f, i) => i % Math.max(1, Math.floor(files.length / 400)) === 0);
  it.runIf(sample.length > 0)('agrees with yaml on the repository and corpus files', () => {
    const bad = sample.filter((f) => !compare(readFileSync(f, 'utf8')).same);
    expect(bad).toEqual([]);
  });
});
