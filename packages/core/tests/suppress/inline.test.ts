import { describe, expect, it } from 'vitest';
import { applyInlineIgnoresToText, lineStarts, parseIgnoreDirective, type FindingDraft } from '../../src/index.js';

/** A draft for `ruleId` on line `line` (1-based). */
const draft = (ruleId: string, line: number): FindingDraft => ({
  ruleId,
  message: `${ruleId} found`,
  region: { startLine: line, startColumn: 1, endLine: line, endColumn: 2 },
});

/** Rule ids still reported for a finding of `ruleId` on the line marked `<<SECRET>>`. */
function kept(text: string, ruleId = 'secret/aws-access-key-id'): string[] {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('<<SECRET>>')) + 1;
  expect(line).toBeGreaterThan(0);
  return applyInlineIgnoresToText([draft(ruleId, line)], text, lineStarts(text)).map((d) => d.ruleId);
}

describe('parseIgnoreDirective', () => {
  it.each([
    ['// leakguard:ignore', []],
    ['# leakguard:ignore', []],
    ['/* leakguard:ignore */', []],
    ['<!-- leakguard:ignore -->', []],
    ['-- leakguard:ignore', []],
    ['; leakguard:ignore', []],
    ['x = 1 # leakguard:ignore secret/aws-access-key-id', ['secret/aws-access-key-id']],
    ['// leakguard:ignore secret/a, iam/*', ['secret/a', 'iam/*']],
    ['/* leakguard:ignore secret/a */ foo', ['secret/a']],
    ['<!-- leakguard:ignore secret/a-->', ['secret/a']],
    ['# LEAKGUARD:IGNORE', []],
    ['# leakguard:ignore test fixture, not a real key', []],
    ['# leakguard:ignore[secret/a]', ['secret/a']],
    ['# leakguard:ignore: secret/a', ['secret/a']],
  ])('%s -> rules %j', (line, rules) => {
    expect(parseIgnoreDirective(line)).toEqual({ rules });
  });

  it.each([
    ['no directive here'],
    ['const s = "leakguard:ignore"'],
    ['leakguard:ignore without a comment opener'],
    ['# leakguard:ignored (another word)'],
    ['# leakguardignore'],
  ])('%s -> no directive', (line) => {
    expect(parseIgnoreDirective(line)).toBeUndefined();
  });
});

describe('applyInlineIgnores', () => {
  it.each([
    ['same line, JS //', 'const k = "<<SECRET>>"; // leakguard:ignore'],
    ['same line, YAML #', 'key: <<SECRET>>  # leakguard:ignore'],
    ['same line, HCL #', 'secret = "<<SECRET>>" # leakguard:ignore secret/aws-access-key-id'],
    ['same line, block comment', 'k = "<<SECRET>>" /* leakguard:ignore */'],
    ['same line, HTML/XML/Markdown', '<p><<SECRET>></p> <!-- leakguard:ignore -->'],
    ['same line, SQL --', "select '<<SECRET>>'; -- leakguard:ignore"],
    ['line before, //', '// leakguard:ignore\nconst k = "<<SECRET>>";'],
    ['line before, # with the rule id', '# leakguard:ignore secret/aws-access-key-id\nkey: <<SECRET>>'],
    ['line before, family', '# leakguard:ignore secret/*\nkey: <<SECRET>>'],
    ['line before, indented HTML comment', '  <!-- leakguard:ignore -->\n  <v><<SECRET>></v>'],
    ['line before, block comment', '/* leakguard:ignore */\nk = "<<SECRET>>"'],
  ])('silenced: %s', (_, text) => {
    expect(kept(text)).toEqual([]);
  });

  it.each([
    ['no directive', 'key: <<SECRET>>'],
    ['another rule named', 'key: <<SECRET>> # leakguard:ignore secret/github-token'],
    ['another family named', '# leakguard:ignore iam/*\nkey: <<SECRET>>'],
    ['two lines before', '# leakguard:ignore\n\nkey: <<SECRET>>'],
    ['line after', 'key: <<SECRET>>\n# leakguard:ignore'],
    ['directive at the end of a code line above (applies to that line only)', 'a: 1 # leakguard:ignore\nkey: <<SECRET>>'],
    ['directive inside a string, not a comment', 'msg = "leakguard:ignore"; k = "<<SECRET>>"'],
  ])('still reported: %s', (_, text) => {
    expect(kept(text)).toEqual(['secret/aws-access-key-id']);
  });

  it('keeps every other finding of the file', () => {
    const text = 'a: <<SECRET>> # leakguard:ignore\nb: other\n';
    const out = applyInlineIgnoresToText([draft('secret/x', 1), draft('secret/y', 2)], text, lineStarts(text));
    expect(out.map((d) => d.ruleId)).toEqual(['secret/y']);
  });
});
