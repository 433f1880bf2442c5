/** Findings in minified code: the snippet is cut around the secret, and nothing secret survives the cut. */
import { describe, expect, it } from 'vitest';
import { buildFindings, ByteLines, SecretEngine } from '@leakguard/core';

const engine = new SecretEngine();
const lookup = (id: string) => engine.ruleMeta(id);
const filler = (n: number) => 'var a=b.c(d)||e;'.repeat(n);

describe('a secret on a megabyte-long line', () => {
  const secret = 'sk_live_4xQ9mT2vLp7zR8wK3nB6yH1c';
  const other = 'AKIA2E4Q3MX7RZ6B5TWK';
  const text = `${filler(40000)}var s="${secret}";var k="${other}";${filler(40000)}\n`;
  const findings = buildFindings('dist/app.min.js', text, engine.draftsFor(text), lookup);

  it('reports both secrets at their columns on line 1', () => {
    expect(findings.map((f) => [f.ruleId, f.location.startLine, f.location.startColumn])).toEqual([
      ['secret/stripe-live-secret-key', 1, text.indexOf(secret) + 1],
      ['secret/aws-access-key-id', 1, text.indexOf(other) + 1],
    ]);
  });

  it.each([0, 1])('finding %i has a short snippet around it, with no secret in clear', (i) => {
    const snippet = findings[i]!.snippet!;
    expect(snippet.length).toBeLessThanOrEqual(200);
    expect(snippet).toContain('*****');
    expect(snippet).not.toContain(secret);
    expect(snippet).not.toContain(other);
    expect(snippet).not.toContain(secret.slice(8, 20));
  });
});

describe('findings built from the bytes equal findings built from the decoded text', () => {
  const secret = 'sk_live_4xQ9mT2vLp7zR8wK3nB6yH1c';
  const pem = `-----BEGIN OPENSSH PRIVATE KEY-----\n${'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW'.repeat(3)}\n-----END OPENSSH PRIVATE KEY-----`;
  it.each([
    ['an ASCII minified line', `${filler(40000)}var s="${secret}";${filler(40000)}\n`],
    ['a minified line with multi-byte text before the secret', `${'var t="日本語 é 🔑";'.repeat(9000)}var s="${secret}";${filler(100)}`],
    ['a secret right at the start of a long line', `"${secret}";${filler(1000)}`],
    ['two secrets a cut apart', `${filler(500)}k="${secret}";${'x'.repeat(60)}t="AKIA2E4Q3MX7RZ6B5TWK";${filler(500)}`],
    ['short lines with Windows line ends', `a = 1\r\nconst key = "${secret}";\r\n// é\r\n`],
    ['a private key over several lines', `const key = \`${pem}\`;\n`],
  ])('%s', (_what, text) => {
    const fromText = buildFindings('dist/app.min.js', text, engine.draftsFor(text), lookup);
    const lines = new ByteLines(Buffer.from(text, 'utf8'));
    const fromBytes = buildFindings('dist/app.min.js', lines, engine.draftsForBytes(lines), lookup);
    expect(fromText.length).toBeGreaterThan(0);
    expect(fromBytes).toEqual(fromText);
    for (const f of fromBytes) expect(JSON.stringify(f)).not.toContain(secret);
  });
});
