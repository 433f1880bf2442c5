/**
 * The secret engine: one keyword pass, patterns only near keywords, filters, exact positions.
 * Tables of what is reported and what is not, under both regex engines.
 */
import { describe, expect, it } from 'vitest';
import {
  basicAuth,
  capturingGroups,
  CatalogError,
  ConfigError,
  crc32,
  base62,
  crc32Base62Token,
  genericSecretValue,
  isAnnouncedPlaceholder,
  jwtToken,
  passwordValue,
  ByteLines,
  KeywordAutomaton,
  parseCatalogRule,
  parseConfig,
  SecretEngine,
  type CatalogRule,
  type RegexEngineName,
} from '@leakguard/core';

const ENGINES: RegexEngineName[] = ['re2', 'js'];
const engines = Object.fromEntries(ENGINES.map((e) => [e, new SecretEngine({ regexEngine: e })])) as Record<RegexEngineName, SecretEngine>;

/** A valid-checksum token for a prefix (GitHub and npm format). */
function crcToken(prefix: string, body = '3728ULtXz2cvEfRbRd3k17jatS1cSH'): string {
  return `${prefix}${body}${base62(crc32(body), 6)}`;
}
const GHP = crcToken('ghp_');

function rule(partial: Partial<CatalogRule> & { id: string; pattern: string; keywords: string[] }): CatalogRule {
  return parseCatalogRule({ title: 'Test rule', description: 'A test rule.', severity: 'high', ...partial, examples: partial.examples }, 'test.yaml', false);
}

describe.each(ENGINES)('the %s engine', (name) => {
  const engine = engines[name];
  const ids = (text: string) => engine.scan(text).map((m) => m.ruleId);

  it.each([
    ['a GitHub token in code', `const t = "${GHP}";`, ['secret/github-pat']],
    ['the same token assigned to a secret-like name: the specific rule wins', `GITHUB_TOKEN = "${GHP}"`, ['secret/github-pat']],
    ["a Stripe test key one character off the API reference's published sample", `Stripe.api_key = "${'sk_test_' + '4eC39HqLyjWDarjtT1zdp7dX'}"`, ['secret/stripe-test-secret-key']],
    ['an AWS key id and its secret on consecutive lines', 'aws_access_key_id = AKIA2E4Q3MX7RZ6B5TWK\naws_secret_access_key = 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', ['secret/aws-access-key-id', 'secret/aws-access-key-pair']],
    ['a password in a database URL', 'DATABASE_URL=postgres://app:Pw9s2LkQz7Xv@db.internal:5432/orders', ['secret/postgres-connection-string']],
    ['a hard-coded password', 'const dbPassword = "Tr0ub4dor&3x";', ['secret/generic-password']],
  ])('reports %s', (_what, text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it.each([
    ['AWS documentation key (EXAMPLE)', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE'],
    // Published samples (public-samples.ts), built at run time like every key in these tests.
    ["the Stripe API reference's sample test key", `Stripe.api_key = "${'sk_test_' + '4eC39HqLyjWDarjtT1zdp7dc'}"`],
    ["Firebase's example web config", `const firebaseConfig = { apiKey: "${'AIzaSy' + 'DOCAbC123dEf456GhI789jKl01-MnO'}" };`],
    ['xxxx placeholder', `GITHUB_TOKEN=ghp_${'x'.repeat(36)}`],
    ['<your-key> placeholder', 'api_key = "<your-api-key>"'],
    ['${VAR} placeholder', 'password: "${DB_PASSWORD}"'],
    ['changeme', 'password = "changeme"'],
    ['a GitHub token with a wrong checksum', `const x = "${GHP.slice(0, -1)}${GHP.endsWith('A') ? 'B' : 'A'}"`],
    ['a Secrets Manager ARN', 'dbSecret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf"'],
    ['a CloudFormation dynamic reference', 'password: "{{resolve:secretsmanager:prod/db:SecretString:password}}"'],
    ['a serverless.yml SSM variable', 'password: ${ssm:/prod/db/password}'],
    ['process.env', 'const password = process.env.DB_PASSWORD;'],
    ['a function call', 'const apiKey = getApiKey("payments");'],
    ['a secret name, not a secret', 'secretName: "prod/payments/stripe-key"'],
    ['prose', 'Enter your password to continue; the token expires in one hour.'],
  ])('does not report %s', (_what, text) => {
    expect(engine.scan(text)).toEqual([]);
  });

  it('gives the exact offsets, line and column of the secret, not of the whole match', () => {
    const text = `// config\n\nexport const settings = {\n  github:   "${GHP}",\n};\n`;
    const [draft] = engine.draftsFor(text);
    expect(draft).toMatchObject({ ruleId: 'secret/github-pat', secret: GHP, region: { startLine: 4, startColumn: 14, endLine: 4, endColumn: 14 + GHP.length } });
    const [match] = engine.scan(text);
    expect(text.slice(match!.start, match!.end)).toBe(GHP);
  });

  it('counts columns in UTF-16 code units after non-ASCII text', () => {
    const text = `const émoji = "🔑"; const t = "${GHP}";`;
    const [match] = engine.scan(text);
    expect(text.slice(match!.start, match!.end)).toBe(GHP);
  });

  it('reports a PEM private key as one multi-line region', () => {
    const body = Array.from({ length: 4 }, (_, i) => `MIIEowIBAAKCAQEA${String(i).repeat(4)}q8Zr1Xk3vB7nL0pQ2wE4rT6yU8iO9aS1dF3gH5jK7lZ9xC1v`).join('\n');
    const text = `key:\n-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`;
    const [draft] = engine.draftsFor(text);
    expect(draft).toMatchObject({ ruleId: 'secret/private-key-rsa', region: { startLine: 2, startColumn: 1, endLine: 7 } });
  });
});

describe('keywords gate the patterns', () => {
  const custom = rule({ id: 'secret/test-near', keywords: ['acme_'], pattern: '\\b(acme_[a-z0-9]{12})\\b' });
  const far = rule({ id: 'secret/test-far', keywords: ['marker'], pattern: '\\b(zz[0-9]{10})\\b', window: 32 });
  const engine = new SecretEngine({ rules: [custom, far] });

  it.each([
    ['the keyword is part of the match', 'x = acme_k7q2m9x4p1w8', ['secret/test-near']],
    ['case does not matter to the keyword pass', 'x = ACME_k7q2m9x4p1w8', []], // the pattern itself is case-sensitive
    ['a match within the window of its keyword', 'marker zz0193847562', ['secret/test-far']],
    ['a match beyond the window is not searched', `marker ${' '.repeat(64)} zz0193847562`, []],
    ['a match on another line than its keyword is not searched', 'marker\nzz0193847562', []],
    ['no keyword, no search', 'zz0193847562', []],
  ])('%s', (_what, text, expected) => {
    expect(engine.scan(text).map((m) => m.ruleId)).toEqual(expected);
  });
});

describe('KeywordAutomaton', () => {
  it('finds every occurrence, overlapping ones included, case-insensitively, with its line start', () => {
    const ac = new KeywordAutomaton(['he', 'she', 'hers'], [[0], [1], [2]]);
    const hits = ac.scan(Buffer.from('x\nuSHErs'));
    const found = Array.from(hits.ends.subarray(0, hits.count), (end, i) => [end, ac.outputs[hits.states[i]!], hits.lineBreaks[i]]);
    expect(found).toEqual([
      [6, [0, 1], 1], // "sHE" ends both "she" and "he"
      [8, [2], 1], // "hErs"
    ]);
  });

  it('reads UTF-8 bytes: offsets are byte offsets and multi-byte characters never match a keyword', () => {
    const ac = new KeywordAutomaton(['key'], [[0]]);
    // "é" is two bytes; "K" after it still starts a keyword; Latin-1 "ÿ" bytes (0xff) are no letter.
    const hits = ac.scan(Buffer.from('é\nKEY ÿkey'));
    expect([...hits.ends.subarray(0, hits.count)]).toEqual([6, 12]);
    expect([...hits.lineBreaks.subarray(0, hits.count)]).toEqual([2, 2]);
  });

  it('gives each hit the last line break before its end, on lines with one hit, many or none', () => {
    const ac = new KeywordAutomaton(['ab', 'b\n'], [[0], [1]]);
    const text = Buffer.from('ab ab\n\n\nxx\nab\nab\n' + 'x'.repeat(300) + 'ab'.repeat(40) + '\nyy\n\nab');
    const hits = ac.scan(text);
    const naive = Array.from(hits.ends.subarray(0, hits.count), (end) => text.lastIndexOf(10, end - 1));
    expect(hits.count).toBe(49); // 45 "ab" and 4 "b\\n", whose line break is their own last byte
    expect([...hits.lineBreaks.subarray(0, hits.count)]).toEqual(naive);
  });

  it('keeps every hit when there are more than its first arrays hold, and forgets them at the next scan', () => {
    const ac = new KeywordAutomaton(['ab'], [[0]]);
    const hits = ac.scan(Buffer.from('ab\n'.repeat(5000)));
    expect(hits.count).toBe(5000);
    expect(hits.ends[4999]).toBe(5000 * 3 - 1);
    expect(hits.lineBreaks[4999]).toBe(4998 * 3 + 2);
    expect(ac.scan(Buffer.from('xx ab')).count).toBe(1);
  });
});

describe('offline validators', () => {
  it.each([
    [crc32Base62Token, GHP, true],
    [crc32Base62Token, `${GHP.slice(0, -6)}000000`, false],
    [jwtToken, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln', true],
    [jwtToken, 'eyJub3QiOiJqd3QifQ.eyJzdWIiOiIxIn0.c2ln', false],
    [basicAuth, Buffer.from('deploy:s3cret').toString('base64'), true],
    [basicAuth, Buffer.from('no colon').toString('base64'), false],
    [genericSecretValue, 'Xk9#mQ2vLp7z', true],
    [genericSecretValue, 'prod/db/password', false],
    [genericSecretValue, 'DB_PASSWORD', false],
    [genericSecretValue, 'passwordField', false],
    [genericSecretValue, 'https://auth.example.com/token', false],
    [genericSecretValue, 'arn:aws:ssm:eu-west-1:1:parameter/x', false],
    [genericSecretValue, 'sourceCode.getTokenAfter(node', false],
    [genericSecretValue, '?InterpolationInTemplate', false],
    [genericSecretValue, '予期しないトークンです。', false],
    [genericSecretValue, 'config.auth.token', false],
    [genericSecretValue, 'parser.exportTokens', false],
    [genericSecretValue, '?InterpolationInJSX', false],
    [genericSecretValue, 'hG7#kL9!mQ2$', true],
    // A word closed by a password's symbols is a chosen password; a label or a sigil'd identifier is not.
    [genericSecretValue, 'Prestigitariu$', true],
    [genericSecretValue, 'Sommerfeld!!', true],
    [genericSecretValue, 'Password:', false],
    [genericSecretValue, 'busybox@', false], // anonymous FTP's e-mail-like password
    [genericSecretValue, '#privateToken', false],
    [genericSecretValue, 'passwordField$', false],
    // Under a password name, one lower-case word is what people choose.
    [passwordValue, 'goodspec', true],
    [passwordValue, 'logmein', true],
    [passwordValue, 'blooberry', true],
    [passwordValue, 'RSuw3MemJ8#4', true],
    [genericSecretValue, 'goodspec', false],
    [passwordValue, 'Passwort', false], // a capitalised word: a label or its translation
    [passwordValue, 'hidden', false],
    [passwordValue, 'required', false],
    [passwordValue, 'changeit', false],
    [passwordValue, 'admin', false],
    [passwordValue, 'postgres', false], // an image's published default
    [passwordValue, 'vagrant', false],
    [passwordValue, 'pasword', false], // misspelt placeholders
    [passwordValue, 'passwrod', false],
    [passwordValue, 'secert', false],
    [passwordValue, 'abc', false],
    [passwordValue, 'prod/db/password', false],
  ])('%o(%s) is %s', (validator, value, expected) => {
    expect(validator(value)).toBe(expected);
  });
});

describe('placeholders', () => {
  it.each([
    ['#add-password', true], // a CSS selector
    ['.password-field', true],
    ['#section2', true],
    ['#gets0m3', false], // a digit inside a word: how people write passwords
  ])('isAnnouncedPlaceholder(%s) is %s', (value, expected) => {
    expect(isAnnouncedPlaceholder(value)).toBe(expected);
  });
});

describe('custom rules', () => {
  it('verifies the examples a custom rule ships', () => {
    const good = rule({ id: 'secret/acme-key', keywords: ['acme_'], pattern: '\\b(acme_[a-z0-9]{12})\\b', examples: { positive: ['k = «acme_k7q2m9x4p1w8»'], negative: ['k = acme_short'] } });
    expect(() => new SecretEngine({ extraRules: [good] })).not.toThrow();
    const bad = rule({ id: 'secret/acme-key', keywords: ['acme_'], pattern: '\\b(acme_[a-z0-9]{12})\\b', examples: { positive: ['k = «acme_abc»'], negative: ['k = acme_k7q2m9x4p1w8'] } });
    expect(() => new SecretEngine({ extraRules: [bad] })).toThrow(CatalogError);
    expect(() => new SecretEngine({ extraRules: [bad] })).toThrow(/positive example 1 is not reported.*negative example 1 is reported/);
  });

  it('rejects a pattern RE2 cannot compile as a configuration error naming the rule', () => {
    const yaml = `customRules:\n  - id: secret/lookbehind\n    title: T\n    description: D\n    severity: high\n    keywords: [key]\n    pattern: "(?<=key=)[a-z]{8}"\n`;
    expect(() => parseConfig(yaml, 'leakguard.yaml')).toThrow(ConfigError);
    expect(() => parseConfig(yaml, 'leakguard.yaml')).toThrow(/secret\/lookbehind: pattern does not compile/);
  });
});

describe('rules that read file names (target: name)', () => {
  const keyStore = rule({ id: 'secret/acme-store', keywords: ['.acmestore'], pattern: '^([^/]{1,255}\\.acmestore)$', target: 'name' });
  it.each(ENGINES)('run on names only, under %s', (regexEngine) => {
    const engine = new SecretEngine({ rules: [keyStore], regexEngine });
    expect(engine.scan('client.acmestore')).toEqual([]);
    expect(engine.scan('client.acmestore', { names: true }).map((m) => m.ruleId)).toEqual(['secret/acme-store']);
    expect(engine.draftsFor('client.acmestore')).toEqual([]);
    expect(engine.readsNames('secret/acme-store')).toBe(true);
  });

  it('a name rule from the catalog is never reported on contents: a .gitignore line naming a key store', () => {
    const engine = new SecretEngine();
    expect(engine.scan('server.p12\nlocal.pfx\n').map((m) => m.ruleId)).toEqual([]);
    expect(engine.scan('server.p12', { names: true }).map((m) => m.ruleId)).toEqual(['secret/pkcs12-key-store']);
    expect(engine.readsNames('secret/github-pat')).toBe(false);
  });

  it('target accepts only name', () => {
    expect(() => rule({ id: 'secret/acme-store', keywords: ['x'], pattern: 'x', target: 'path' as 'name' })).toThrow(/"target" can only be name/);
  });
});

describe('capturingGroups', () => {
  it.each([
    ['abc', 0],
    ['(abc)', 1],
    ['(?:a)(b)', 1],
    ['\\(a\\)', 0],
    ['[(]a(b)', 1],
    ['[\\]()](x)', 1],
    ['(?<name>a)(b)', 2],
  ])('%s has %i', (pattern, n) => {
    expect(capturingGroups(pattern)).toBe(n);
    expect(new RegExp(`${pattern}|`).exec('')!.length - 1).toBe(n);
  });
});

describe('windows searched together keep per-line semantics', () => {
  // A pattern that could run from one line's window into the next if they were simply joined.
  const spanning = rule({ id: 'secret/test-span', keywords: ['start', 'end'], pattern: 'start([^;]{1,40})end' });
  it.each(ENGINES)('under %s, a match never spans two lines', (name) => {
    const engine = new SecretEngine({ rules: [spanning], regexEngine: name });
    const text = 'start xx\nyy end\nstart ab12cd34 end\nfoo start cd end';
    expect(engine.scan(text).map((m) => text.slice(m.start, m.end))).toEqual([' ab12cd34 ', ' cd ']);
  });
});

describe('the engine reads bytes: offsets, decoding and multi-byte text', () => {
  // Non-ASCII text before, between and inside windows: "é" (2 bytes), "🔑" (4 bytes, 2 UTF-16 units), CJK (3 bytes).
  const text = [
    `// 設定 ${'é'.repeat(40)}`,
    `const token = "${GHP}"; // 🔑 ${'日本'.repeat(30)}`,
    `${'ü'.repeat(200)} DATABASE_URL=postgres://app:Pw9s2LkQz7Xv@db.internal:5432/orders`,
    `const dbPassword = "Tr0ub4dor&3x"; // パスワード`,
    `${'é'.repeat(50)} const t = "${GHP}"`,
  ].join('\n');
  const bytes = Buffer.from(text, 'utf8');

  it.each(ENGINES)('under %s, string offsets point at the secret after multi-byte characters', (name) => {
    const found = engines[name].scan(text);
    expect(found.map((m) => m.ruleId)).toEqual(['secret/github-pat', 'secret/postgres-connection-string', 'secret/generic-password', 'secret/github-pat']);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.secret);
  });

  it('scanBytes gives byte offsets of the same secrets', () => {
    const found = engines.re2.scanBytes(bytes);
    expect(found).toHaveLength(4);
    for (const m of found) expect(bytes.toString('utf8', m.start, m.end)).toBe(m.secret);
  });

  it.each(ENGINES)('under %s, draftsForBytes places the secrets as draftsFor does on the decoded text', (name) => {
    const drafts = engines[name].draftsForBytes(new ByteLines(bytes));
    expect(drafts).toHaveLength(4);
    expect(drafts).toEqual(engines[name].draftsFor(text));
  });

  it('places a secret after invalid UTF-8 (a Latin-1 file) as in the decoded text, where each bad byte is U+FFFD', () => {
    const latin1 = Buffer.concat([Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0xff, 0xfe, 0x20]), Buffer.from('u = "postgres://app:Pw9s2LkQz7Xv@db.internal/x"'), Buffer.from([0xe9])]);
    const decoded = latin1.toString('utf8');
    const drafts = engines.re2.draftsForBytes(new ByteLines(latin1));
    expect(drafts.map((d) => d.secret)).toEqual(['Pw9s2LkQz7Xv']);
    expect(drafts).toEqual(engines.re2.draftsFor(decoded));
  });

  it('never starts a window inside a multi-byte character', () => {
    // The window before the keyword starts 96 bytes back: here, in the middle of a 3-byte character.
    const custom = rule({ id: 'secret/test-any', keywords: ['marker'], pattern: '([^ ]{4,})marker', before: 95 });
    const engine = new SecretEngine({ rules: [custom] });
    const t = `${'日本語'.repeat(14)}marker`;
    const [m] = engine.scan(t);
    expect(m!.secret).toMatch(/^[日本語]{29}$/); // 95 bytes back lands inside a character: the window starts at the next one
    expect(t.slice(m!.start, m!.end)).toBe(m!.secret);
  });
});

describe('a dense minified bundle (the byte path for large ASCII texts)', () => {
  const bits = ['if(a.token&&a.token.length>3)throw new Error("x")', 'fetch("https://cdn.example.org/a.json")', 'var k=h["x-api-key"]||""', 'function f(a){return a.b}'];
  const secrets = [`var cfg={password:"Zq9#mLp2vX7t"}`, `var s="${GHP}"`, 'u="https://deploy:Xk3mQ9vLp2Wz@repo.internal/x"'];
  let line = '';
  for (let i = 0; line.length < 300_000; i++) line += `${bits[i % bits.length]};${i % 997 === 0 ? `${secrets[(i / 997) % 3]};` : ''}`;
  const text = `/*! bundle */\n${line}\n`;

  it('finds the same secrets, at the same places, as the JavaScript engine', () => {
    const re2 = engines.re2.scan(text).map((m) => [m.ruleId, m.start, m.end]);
    const js = engines.js.scan(text).map((m) => [m.ruleId, m.start, m.end]);
    expect(re2.length).toBeGreaterThanOrEqual(3);
    expect(re2).toEqual(js);
    for (const m of engines.re2.scan(text)) expect(text.slice(m.start, m.end)).toBe(m.secret);
  });
});
