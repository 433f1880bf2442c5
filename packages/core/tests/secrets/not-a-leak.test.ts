/**
 * Values that look like credentials and are not a leak: expired ones (a JWT's `exp`, a SAS's `se=`),
 * values their issuers publish, an SDK's API examples document, and the rule that opts out of the
 * made-up-value check because its real format has long runs. Both regex engines.
 */
import { describe, expect, it } from 'vitest';
import {
  isApiExamplesDocument,
  isPublishedSample,
  isSecretCandidate,
  jwtExpiry,
  parseCatalogRule,
  PUBLISHED_SAMPLES,
  sasExpiry,
  SecretEngine,
  type RegexEngineName,
} from '@leakguard/core';

const ENGINES: RegexEngineName[] = ['re2', 'js'];
/** The scan's clock: 2026-12-02T12:00:00Z. */
const NOW = Date.parse('2026-12-02T12:00:00Z');

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims: object) => `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.Xq3Lr8Vt2mZp7Kc9Nw4Hy6Bd1Fs5Gj0Ue8Ro2Ta7Ci3`;
const SIG = 'QQmbvmVc8urXTaNWppnEAowoioOwGutASpoFr225Mp%3D';

describe('expiry read from the credential', () => {
  it.each<[string, number | undefined]>([
    [jwt({ sub: 'a', exp: 1672919862 }), 1672919862000],
    [jwt({ sub: 'a' }), undefined], // no exp: never expires
    [jwt({ sub: 'a', exp: '1672919862' }), undefined], // not a number
    ['eyJhbGciOiJIUzI1NiJ9.not-json.sig', undefined],
  ])('jwtExpiry(%s) = %s', (token, expected) => {
    expect(jwtExpiry(token)).toBe(expected);
  });

  it.each<[string, number | undefined]>([
    ['sv=2021-06-08&se=2023-12-20T22:54:52Z&sig=x', Date.parse('2023-12-20T22:54:52Z')],
    ['sp=r&amp;se=2023-12-20T22:54:52Z&amp;sv=2021-06-08', Date.parse('2023-12-20T22:54:52Z')], // HTML-escaped separators
    ['?sv=2022-11-02&se=2099-12-31T00%3A00%3A00Z&sig=x', Date.parse('2099-12-31T00:00:00Z')], // URL-encoded
    ['?sv=2022-11-02&se=2024-01-01&sig=x', Date.parse('2024-01-01')],
    ['?sv=2022-11-02&si=readers&sig=x', undefined], // a stored access policy holds the expiry
    ['?se=2023-01-01&se=2099-01-01&sig=x', undefined], // two expiries: not trusted
    ['?sv=2022-11-02&se=tomorrow&sig=x', undefined],
    ['?sv=2022-11-02&case=2023-01-01&sig=x', undefined], // a parameter that only ends in "se"
  ])('sasExpiry(%s) = %s', (query, expected) => {
    expect(sasExpiry(query)).toBe(expected);
  });
});

describe.each(ENGINES)('the %s engine at a fixed time', (regexEngine) => {
  const engine = new SecretEngine({ regexEngine, now: () => NOW });
  const ids = (text: string) => engine.scan(text).map((m) => m.ruleId);

  it.each<[string, string, string[]]>([
    ['a JWT that expired an hour after it was issued (a README sample)', `token: ${jwt({ sub: 'u-1', exp: 1672919862 })}`, []],
    ['a JWT that expires after now', `token: ${jwt({ sub: 'u-1', exp: NOW / 1000 + 3600 })}`, ['secret/jwt']],
    ['a JWT without exp', `token: ${jwt({ sub: 'u-1', iat: 1672916262 })}`, ['secret/jwt']],
    ['a SAS whose se= has passed, se before sv (AWS DataSync docs)', `<code>sp=r&amp;st=2023-12-20T14:54:52Z&amp;se=2023-12-20T22:54:52Z&amp;spr=https&amp;sv=2021-06-08&amp;sr=c&amp;sig=${SIG}</code>`, []],
    ['a SAS valid until after now', `https://acct.blob.core.windows.net/c?sv=2022-11-02&sp=r&se=2027-01-01T00:00:00Z&sig=${SIG}`, ['secret/azure-sas-token']],
    ['a SAS with no se= (stored access policy)', `https://acct.blob.core.windows.net/c?sv=2022-11-02&si=readers&sr=c&sig=${SIG}`, ['secret/azure-sas-token']],
    ['two SAS URLs on a line: each judged by its own query', `old=https://a.blob.core.windows.net/c?sv=2022-11-02&se=2020-01-01&sig=${SIG} new=https://a.blob.core.windows.net/c?sv=2022-11-02&se=2030-01-01&sig=${SIG}`, ['secret/azure-sas-token']],
  ])('%s', (_what, text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it('the clock decides: the same token is reported before its exp', () => {
    const before = new SecretEngine({ regexEngine, now: () => 1672919862000 - 1 });
    expect(before.scan(`token: ${jwt({ sub: 'u-1', exp: 1672919862 })}`).map((m) => m.ruleId)).toEqual(['secret/jwt']);
  });
});

describe.each(ENGINES)('a prefix inside a file name (%s)', (regexEngine) => {
  const engine = new SecretEngine({ regexEngine });
  const ids = (text: string) => engine.scan(text).map((m) => m.ruleId);
  const HASH = '7Kq2Xm9Lp4Rt6Wv3Bn8Yc1Dz5Fh0Gj2S'; // 32 characters, an Infracost key's length

  it.each<[string, string, string[]]>([
    ['a content hash after an icon\'s extension', `<link rel="icon" href="/static/favicon.ico-${HASH}.png">`, []],
    ['the same name in a bundle\'s manifest', `"favicon": "assets/favicon.ico-${HASH}.webp?v=2"`, []],
    ['a key assigned, then a full stop ending the sentence', `Set INFRACOST_API_KEY to ico-${HASH}. Then run it.`, ['secret/infracost-api-key']],
    ['a key as a query parameter', `https://pricing.api.infracost.io/graphql?key=ico-${HASH}&v=2`, ['secret/infracost-api-key']],
    ['a key after a dot that does not follow a name', `export INFRACOST_API_KEY=.ico-${HASH}`, ['secret/infracost-api-key']],
    // Nosey Parker's pypi example: a token pasted where a secret's name goes.
    ['a token after a property access (a workflow expression)', `password: \${{ secrets.pypi-AgEIcHlwaS5vcmc${HASH}${HASH}}}`, ['secret/pypi-token']],
  ])('%s', (_what, text, expected) => {
    expect(ids(text)).toEqual(expected);
  });
});

describe('published sample values', () => {
  it.each([
    ['AWS documentation key id', 'AKIAIOSFODNN7EXAMPLE'],
    ["Stripe API reference's sample test key", 'sk_test_' + 'BQokikJOvBiI2HlWgH4olfQ2'],
    ["Stripe API reference's earlier sample test key", 'sk_test_' + '4eC39HqLyjWDarjtT1zdp7dc'],
    ["Firebase's example web config key", 'AIzaSy' + 'DOCAbC123dEf456GhI789jKl01-MnO'],
  ])('%s is published', (_what, value) => {
    expect(isPublishedSample(value)).toBe(true);
  });

  it.each([
    'sk_test_' + 'BQokikJOvBiI2HlWgH4olfQ3', // one character off
    'AIzaSy' + 'DOCAbC123dEf456GhI789jKl01-MnX',
    'AKIAIOSFODNN7EXAMPLF',
  ])('%s is not', (value) => {
    expect(isPublishedSample(value)).toBe(false);
  });

  it('every entry says where the value is published', () => {
    for (const s of PUBLISHED_SAMPLES) expect(s.what).toMatch(/\(.+\)/);
  });

  it('the infrastructure judges leave them alone too', () => {
    expect(isSecretCandidate('sk_test_' + 'BQokikJOvBiI2HlWgH4olfQ2')).toBe(false);
    expect(isSecretCandidate('sk_test_' + 'BQokikJOvBiI2HlWgH4olfQ3')).toBe(true);
  });
});

describe('API examples documents (AWS SDKs)', () => {
  it.each([
    '{\n  "version": "1.0",\n  "examples": {\n    "ChangePassword": [\n      {\n        "input": {',
    '\uFEFF{"version":"1.0","examples":{}}',
  ])('recognised: %j', (head) => {
    expect(isApiExamplesDocument(Buffer.from(head))).toBe(true);
  });

  it.each([
    '{\n  "version": "1.0",\n  "password": "W)kD3oO)bbd$y1AA"\n}', // a version, no examples
    '{\n  "examples": {\n    "ChangePassword": [', // examples without the version first
    '{"version": "1.0", "examples": {"a": "b"}, "secret": "x"}', // examples that are not lists of calls
    'version: "1.0"\nexamples:\n  ChangePassword:', // YAML
  ])('not recognised: %j', (head) => {
    expect(isApiExamplesDocument(Buffer.from(head))).toBe(false);
  });
});

describe('literal secrets in templates', () => {
  it.each([
    ['$$.Task.Token', false], // a Step Functions context path (token.$)
    ['$.detail.token', false],
    ['$$Xk9fK2qL7xZ0pR4t', true], // not a path: no dot or bracket after the sigils
  ])('isSecretCandidate(%s) = %s', (value, expected) => {
    expect(isSecretCandidate(value)).toBe(expected);
  });
});

describe.each(ENGINES)('longRuns (%s): a format with long runs opts out of the made-up-value check', (regexEngine) => {
  const make = (longRuns: boolean) =>
    parseCatalogRule({ id: 'secret/test-runs', title: 'T', description: 'T.', severity: 'high', keywords: ['aaaaaaaaaaaa'], pattern: '\\b(A{12}[A-Za-z0-9]{20,40})\\b', longRuns }, 'test.yaml', false);
  const token = 'A'.repeat(12) + 'gH5EmBgtVHW1y4UKInbC'; // 12 of 32 characters in one run
  const all = 'A'.repeat(40);

  it('without it, a value whose run covers over a quarter is made up', () => {
    expect(new SecretEngine({ regexEngine, rules: [make(false)] }).scan(token)).toEqual([]);
  });

  it('with it, the same value is reported; a value of one character still is not', () => {
    const engine = new SecretEngine({ regexEngine, rules: [make(true)] });
    expect(engine.scan(token).map((m) => m.ruleId)).toEqual(['secret/test-runs']);
    expect(engine.scan(all)).toEqual([]);
  });
});
