/**
 * HTTP credentials: a JWT sent under the Basic scheme is a JWT, not Basic credentials (the Basic
 * check wants `user:password` once decoded); curl's `-u` over continued lines. Both engines.
 */
import { describe, expect, it } from 'vitest';
import { basicAuth, SecretEngine, type RegexEngineName } from '@leakguard/core';

const ENGINES: RegexEngineName[] = ['re2', 'js'];
const JWT = ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiI0MiIsIm5hbWUiOiJBZGEifQ', 'Zm9vYmFyYmF6cXV4c2lnbmF0dXJlMDA'].join('.');

describe('basicAuth', () => {
  it.each([
    ['user:password', true],
    ['ci-bot:S3cr3t with spaces', true],
    ['{"alg":"HS256","typ":"JWT"}', false],
    [':password', false],
    ['user:', false],
    ['no colon at all', false],
  ])('%j decoded: %s', (text, expected) => {
    expect(basicAuth(Buffer.from(text).toString('base64'))).toBe(expected);
  });
});

describe.each(ENGINES)('HTTP credentials under %s', (regexEngine) => {
  const engine = new SecretEngine({ regexEngine });
  it('reports a JWT in an Authorization: Basic header under the JWT rule only', () => {
    const ids = engine.scan(`curl -H "Authorization: Basic ${JWT}" https://api.internal`).map((m) => m.ruleId);
    expect(ids).toEqual(['secret/jwt']);
  });
  it('reads curl -u on a continued line, and not on a line that is not continued', () => {
    const continued = engine.scan('curl -X POST https://api.internal/token \\\n  -u ci:Zq9vN4kT7wR2xB6m');
    expect(continued.map((m) => [m.ruleId, m.secret])).toEqual([['secret/curl-basic-auth', 'Zq9vN4kT7wR2xB6m']]);
    expect(engine.scan('curl -X POST https://api.internal/token\n-u ci:Zq9vN4kT7wR2xB6m').filter((m) => m.ruleId.startsWith('secret/curl'))).toEqual([]);
  });
});
