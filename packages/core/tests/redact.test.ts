import { describe, expect, it } from 'vitest';
import { buildFindings, redactSecret, redactText, safeParserMessage } from '@leakguard/core';

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
