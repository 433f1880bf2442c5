import { describe, expect, it } from 'vitest';
import { applyInlineIgnores, ByteLines, parseIgnoreDirective, textLines, type FindingDraft, type SourceLines } from '../../src/index.js';

/** Both forms of a file's lines: decoded text, and UTF-8 bytes decoded line by line. */
const SOURCES: [string, (text: string) => SourceLines][] = [
  ['text', (text) => textLines(text)],
  ['bytes', (text) => new ByteLines(Buffer.from(text, 'utf8'))],
];

/** A draft for `ruleId` on line `line` (1-based). */
const draft = (ruleId: string, line: number): FindingDraft => ({
  ruleId,
  message: `${ruleId} found`,
  region: { startLine: line, startColumn: 1, endLine: line, endColumn: 2 },
});

/** Rule ids still reported for a finding of `ruleId` on the line marked `<<SECRET>>`. */
function kept(text: string, source: (text: string) => SourceLines, ruleId = 'secret/aws-access-key-id'): string[] {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('<<SECRET>>')) + 1;
  expect(line).toBeGreaterThan(0);
  return applyInlineIgnores([draft(ruleId, line)], source(text)).map((d) => d.ruleId);
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

describe.each(SOURCES)('applyInlineIgnores on %s', (_name, source) => {
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
    ['upper case, Windows line ends', 'a: 1\r\n# LEAKGUARD:IGNORE\r\nkey: <<SECRET>>\r\n'],
    ['after multi-byte text', 'n = "日本語 é 🔑"; key = "<<SECRET>>" // leakguard:ignore'],
    ['at the end of a long minified line', `var a=${'[1,"x"],'.repeat(20000)}k="<<SECRET>>";/* leakguard:ignore */`],
  ])('silenced: %s', (_, text) => {
    expect(kept(text, source)).toEqual([]);
  });

  it.each([
    ['no directive', 'key: <<SECRET>>'],
    ['another rule named', 'key: <<SECRET>> # leakguard:ignore secret/github-token'],
    ['another family named', '# leakguard:ignore iam/*\nkey: <<SECRET>>'],
    ['two lines before', '# leakguard:ignore\n\nkey: <<SECRET>>'],
    ['line after', 'key: <<SECRET>>\n# leakguard:ignore'],
    ['directive at the end of a code line above (applies to that line only)', 'a: 1 # leakguard:ignore\nkey: <<SECRET>>'],
    ['directive inside a string, not a comment', 'msg = "leakguard:ignore"; k = "<<SECRET>>"'],
    ['a near miss on a long line', `var a=${'leakguard:ignor '.repeat(5000)}k="<<SECRET>>" // leakguard-ignore`],
  ])('still reported: %s', (_, text) => {
    expect(kept(text, source)).toEqual(['secret/aws-access-key-id']);
  });

  it('keeps every other finding of the file', () => {
    const text = 'a: <<SECRET>> # leakguard:ignore\nb: other\n';
    const out = applyInlineIgnores([draft('secret/x', 1), draft('secret/y', 2)], source(text));
    expect(out.map((d) => d.ruleId)).toEqual(['secret/y']);
  });
});
