import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { SecretEngine, loadCatalog } from '@leakguard/core';
import rule from '../../src/rules/no-hardcoded-secrets.js';
import { invalid, ruleTester, valid } from '../rule-tester.js';

// A custom rule of the user's own, so the table does not depend on which providers the catalog has today.
const acme = {
  id: 'secret/acme-token',
  title: 'Acme API token',
  description: 'An Acme API token.',
  severity: 'high',
  keywords: ['acme_'],
  pattern: '\\b(acme_[A-Za-z0-9]{24})\\b',
  entropy: 3.5,
};
const withAcme = [{ customRules: [acme] }] as const;
const TOKEN = 'acme_Zq8Lw3Rt6Yp1Nc4Vb7Xm2Kd9';

const rsaBody = 'UvImZaYMEtKJGF2VDuiBNgkWb2sRPReNbA/TkB/yOaGglfIPk5VlDPk4C47bIkpr\\nJIoekk6P0K4uGpSSozBfGIy2EJAPnjR/rohtxlB3lex0XEw';
const RSA = `-----BEGIN RSA PRIVATE KEY-----\\n${rsaBody}\\n-----END RSA PRIVATE KEY-----`;

ruleTester.run('no-hardcoded-secrets', rule, {
  valid: valid([
    // Placeholders and low-entropy fillers are filtered by the catalog's filters.
    { code: "const t = 'acme_xxxxxxxxxxxxxxxxxxxxxxxx';", options: withAcme },
    { code: "const t = 'acme_000000000000000000000000';", options: withAcme },
    { code: "const t = 'acme_YOUR_TOKEN_HERE';", options: withAcme },
    { code: "const t = '<acme token>';", options: withAcme },
    // Too short for the pattern.
    { code: "const t = 'acme_Zq8Lw3Rt';", options: withAcme },
    // Not a literal: identifiers and property names are code, not secrets.
    { code: `const ${TOKEN} = 1;`, options: withAcme },
    { code: `obj.${TOKEN}();`, options: withAcme },
    // References to secrets are the good pattern.
    { code: "const id = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-token-AbCdEf';", options: withAcme },
    { code: "const name = 'projects/p/secrets/acme-token/versions/latest';", options: withAcme },
    { code: "const kv = '@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/acme/)';", options: withAcme },
    { code: "const token = await getSecret('acme-token');", options: withAcme },
    { code: 'const token = process.env.ACME_TOKEN_ARN;', options: withAcme },
    // Secret-looking words that are not secrets.
    { code: "const password = 'changeme';" },
    { code: "const label = 'Enter your API token';" },
    { code: "// TODO: rotate the token every 90 days" },
    { code: 'const tokenizer = new Tokenizer();' },
    { code: 'if (password.length < 12) throw new Error("too short");' },
    // A private-key header with no key.
    { code: "const hint = 'the file starts with -----BEGIN RSA PRIVATE KEY-----';" },
    { code: "const redacted = '-----BEGIN RSA PRIVATE KEY-----\\n...\\n-----END RSA PRIVATE KEY-----';" },
    // Disabled rules.
    { code: `const t = '${TOKEN}';`, options: [{ customRules: [acme], disabledRules: ['secret/acme-token'] }] },
    { code: `const k = '${RSA}';`, options: [{ disabledRules: ['secret/private-key-rsa'] }] },
    // Test files, when asked to skip them.
    { code: `const t = '${TOKEN}';`, filename: 'src/client.test.ts', options: [{ customRules: [acme], ignoreTestFiles: true }] },
    { code: `const t = '${TOKEN}';`, filename: 'tests/fixtures/client.js', options: [{ customRules: [acme], ignoreTestFiles: true }] },
    // Split across two literals: never glued together by guesswork.
    { code: "const t = 'acme_Zq8Lw3Rt6Y' + 'p1Nc4Vb7Xm2Kd9';", options: withAcme },
    // TypeScript only.
    { code: "const t: string = 'acme_xxxxxxxxxxxxxxxxxxxxxxxx' as const;", lang: 'ts', options: withAcme },
    { code: 'type Token = `acme_${string}`;', lang: 'ts', options: withAcme },
  ]),
  invalid: invalid([
    { code: `const t = '${TOKEN}';`, options: withAcme, errors: ['hardcodedSecret'] },
    { code: `const t = "${TOKEN}";`, options: withAcme, errors: ['hardcodedSecret'] },
    { code: `const t = \`${TOKEN}\`;`, options: withAcme, errors: ['hardcodedSecret'] },
    { code: `const h = \`Bearer ${TOKEN} for \${user}\`;`, options: withAcme, errors: ['hardcodedSecret'] },
    { code: `const h = \`\${base}?key=${TOKEN}\`;`, options: withAcme, errors: ['hardcodedSecret'] },
    { code: `// token: ${TOKEN}\nconst x = 1;`, options: withAcme, errors: ['hardcodedSecret'] },
    { code: `/* old key ${TOKEN} */`, options: withAcme, errors: ['hardcodedSecret'] },
    { code: `/**\n * @example client('${TOKEN}')\n */\nexport function client() {}`, options: withAcme, errors: ['hardcodedSecret'] },
    { code: `const cfg = { headers: { Authorization: 'Bearer ${TOKEN}' } };`, options: withAcme, errors: ['hardcodedSecret'] },
    { code: `fetch(url, { headers: { 'x-api-key': '${TOKEN}' } });`, options: withAcme, errors: ['hardcodedSecret'] },
    { code: `process.env.ACME_TOKEN = '${TOKEN}';`, options: withAcme, errors: ['hardcodedSecret'] },
    { code: `export default { token: '${TOKEN}' };`, options: withAcme, errors: ['hardcodedSecret'] },
    { code: `const list = ['${TOKEN}', 'acme_Pp2Qq3Rr4Ss5Tt6Uu7Vv8Ww9'];`, options: withAcme, errors: ['hardcodedSecret', 'hardcodedSecret'] },
    { code: `const url = 'https://api.acme.test/v1?token=${TOKEN}&x=1';`, options: withAcme, errors: ['hardcodedSecret'] },
    { code: `const t = '${TOKEN}'; // nothing else`, options: withAcme, errors: [{ messageId: 'hardcodedSecret', line: 1 }] },
    { code: `\n\nconst t = '${TOKEN}';`, options: withAcme, errors: [{ messageId: 'hardcodedSecret', line: 3 }] },
    { code: `switch (k) { case '${TOKEN}': break; }`, options: withAcme, errors: ['hardcodedSecret'] },
    // The shipped catalog: private keys, in strings and comments.
    { code: `const key = '${RSA}';`, errors: ['hardcodedSecret'] },
    { code: `const key = \`${RSA.replace(/\\n/g, '\n')}\`;`, errors: ['hardcodedSecret'] },
    { code: `/*\n${RSA.replace(/\\n/g, '\n')}\n*/`, errors: ['hardcodedSecret'] },
    { code: `sign(payload, '${RSA}');`, errors: ['hardcodedSecret'] },
    // Test files are scanned by default: a live key in a test is still a live key.
    { code: `const t = '${TOKEN}';`, filename: 'src/client.test.ts', options: withAcme, errors: ['hardcodedSecret'] },
    { code: `const t = '${TOKEN}';`, filename: '__tests__/client.js', options: withAcme, errors: ['hardcodedSecret'] },
    // TypeScript only.
    { code: `const t: string = '${TOKEN}' as const;`, lang: 'ts', options: withAcme, errors: ['hardcodedSecret'] },
    { code: `enum Keys { Acme = '${TOKEN}' }`, lang: 'ts', options: withAcme, errors: ['hardcodedSecret'] },
    { code: `class C { private readonly token = '${TOKEN}'; }`, lang: 'ts', options: withAcme, errors: ['hardcodedSecret'] },
  ]),
});

describe('no-hardcoded-secrets on the shipped catalog', () => {
  const linter = new Linter({ configType: 'flat' });
  const config = [{ plugins: { leakguard: { rules: { 'no-hardcoded-secrets': rule } } }, rules: { 'leakguard/no-hardcoded-secrets': 'error' } }] as Linter.Config[];
  const engine = new SecretEngine();
  // Every positive example of the catalog that the engine finds on its own: the rule must report
  // it the same in a comment (the catalog's own completeness is tested with the catalog).
  const cases = loadCatalog().flatMap((r) =>
    r.examples.positive
      .filter((ex) => !ex.includes('*/') && engine.scan(ex).some((m) => m.ruleId === r.id))
      .map((ex) => [r.id, ex] as const),
  );

  it('has catalog examples to run', () => expect(cases.length).toBeGreaterThan(5));

  it.each(cases)('%s: its positive example in a comment is reported, by title, without the secret', (id, example) => {
    const messages = linter.verify(`/*\n${example}\n*/\nexport {};`, config, 'src/app.js');
    const ours = messages.filter((m) => m.message.includes(`(${id})`));
    expect(ours.length).toBeGreaterThan(0);
    const secrets = engine.scan(example).map((m) => m.secret);
    for (const m of messages) for (const secret of secrets) expect(m.message).not.toContain(secret);
  });

  it('builds the engine once, not per file', async () => {
    const { engineFor } = await import('../../src/rules/no-hardcoded-secrets.js');
    expect(engineFor()).toBe(engineFor());
    expect(engineFor([acme])).toBe(engineFor([{ ...acme }]));
  });
});
