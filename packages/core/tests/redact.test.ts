import { describe, expect, it } from 'vitest';
import { buildFindings, maskRandomTokens, redactSecret, redactText, safeParserMessage } from '@leakguard/core';

describe('redaction', () => {
  it.each([
    ['hunter2', '*****'],
    ['AKIAIOSFODNN7EXAMPLEAKIA', 'AKIA*****'],
  ])('previews %s as %s', (secret, preview) => {
    expect(redactSecret(secret)).toBe(preview);
  });

  it('masks every secret of a line in snippets and messages', () => {
    const text = 'a = "s3cr3t-value-one-aaaa" + "another-s3cr3t-value-two"\n';
    const findings = buildFindings(
      'x.js',
      text,
      [
        { ruleId: 'secret/a', message: 'found s3cr3t-value-one-aaaa', region: { startLine: 1, startColumn: 6, endLine: 1, endColumn: 27 }, secret: 's3cr3t-value-one-aaaa' },
        { ruleId: 'secret/b', message: 'found', region: { startLine: 1, startColumn: 32, endLine: 1, endColumn: 56 }, secret: 'another-s3cr3t-value-two' },
      ],
      () => undefined,
    );
    const out = JSON.stringify(findings);
    expect(out).not.toContain('s3cr3t-value-one-aaaa');
    expect(out).not.toContain('another-s3cr3t-value-two');
    expect(findings[0]!.snippet).toBe('a = "*****" + "anot*****"');
    expect(redactText('x', [''])).toBe('x');
  });
});

describe('parser messages', () => {
  it.each([
    ['Unexpected scalar token in YAML stream: "AKIAZZZZZZZZZZZZZZZZ"', 'Unexpected scalar token in YAML stream'],
    ["Unexpected token: 'sk_live_abc'", 'Unexpected token'],
    ['Implicit keys need to be on a single line at line 2, column 1:\n\n"secret-value"\n^^^', 'Implicit keys need to be on a single line'],
    ['', 'syntax error'],
  ])('%j becomes %j', (message, safe) => {
    expect(safeParserMessage(message)).toBe(safe);
  });
});

describe('snippets mask a secret finding by its region, however the source spells the value', () => {
  const draft = (startLine: number, startColumn: number, endLine: number, endColumn: number) => ({ ruleId: 'env/secret-literal', message: 'm', region: { startLine, startColumn, endLine, endColumn }, secret: 'abcdefghij' + 'klmnopqrst' });
  it.each<[string, string, ReturnType<typeof draft>, string[]]>([
    ['two parts joined by an intrinsic', 'K: !Join ["", [abcdefghij, klmnopqrst]]\n', draft(1, 4, 1, 40), ['abcdefghij', 'klmnopqrst']],
    ['an interpolation between the parts', 'K = "abcdefghij${local.x}"\n', draft(1, 5, 1, 26), ['abcdefghij']],
    ['a value folded over three lines: the rest of the first and all of the next', 'K: "abcdefghij\\\n   klmnopqrst\\\n   "\nnext: 1\n', draft(1, 4, 3, 5), ['abcdefghij']],
  ])('%s', (_name, text, d, hidden) => {
    const [finding] = buildFindings('t.yaml', text, [d], () => undefined);
    for (const piece of hidden) expect(finding!.snippet).not.toContain(piece);
    expect(finding!.snippet).toMatch(/^K/);
  });
});

describe('maskRandomTokens: random-looking tokens on a snippet line are masked, words are not', () => {
  it.each([
    ['a generated password without digits, letters in random case', 'const p = "Pw-vriADVFxPhgwBZHzbu!";', 'vriADVFxPhgwBZHzbu'],
    ['random letters in a dotted name', 'x = qZrTbWkYpLmNvXcH.ZkQwErTy', 'qZrTbWkYpLmNvXcH'],
  ])('%s', (_, line, hidden) => {
    expect(maskRandomTokens(line)).not.toContain(hidden);
  });

  it.each([
    'const value = getUserNameFromDatabase(request);',
    'import { parseHTTPResponseHeaders } from "./http-response-headers";',
    'readonly ConnectionStringBuilder = make.WithDefaultValues;',
  ])('%s', (line) => {
    expect(maskRandomTokens(line)).toBe(line);
  });
});
