/**
 * Gates turn keyword hits away before any regex runs. They must never hide a match: each gate is
 * checked on its own (tables of near-misses both ways), and gated scans are compared with ungated
 * scans over the catalog's examples and over generated variants of every syntax the broad rules know.
 */
import { describe, expect, it } from 'vitest';
import { GATES, loadCatalog, parseCatalogRule, SecretEngine } from '@leakguard/core';

/** Runs gate `name` at the end of the first `keyword` in `line`. */
function gate(name: string, line: string, keyword: string): boolean {
  const bytes = Buffer.from(line, 'utf8');
  const at = Buffer.from(line.toLowerCase(), 'utf8').indexOf(keyword.toLowerCase()) + Buffer.byteLength(keyword);
  expect(at).toBeGreaterThanOrEqual(Buffer.byteLength(keyword));
  return GATES[name]!(bytes, at, 0, bytes.length);
}

describe('assignment gate (after the keyword)', () => {
  it.each([
    ['const token = "abc"', true],
    ['accessTokenValue: \'abc\'', true],
    ['"token": "abc"', true],
    ["'token' => 'abc'", true],
    ['token := `abc`', true],
    ['token ??= "abc"', true],
    ['token ||= "abc"', true],
    ['token ?= "abc"', true], // GNU make
    ['token ::= "abc"', true], // GNU make (POSIX)
    ['token=new String("abc")', true],
    ['token = NEW STRING("abc")', true],
    ['token.value-x\t=\t"abc"', true],
    ['token\u00a0= "abc"', true], // a non-ASCII space: JavaScript's \\s, so let through
    ['token == "abc"', true], // a comparison with a literal (the password and credential rules)
    ['token !== "abc"', true],
    ['\\"token\\":\\"abc', true], // JSON inside a string literal
  ])('passes %j', (line, expected) => {
    expect(gate('assignment', line, 'token')).toBe(expected);
  });

  it.each([
    ['token.length > 3'],
    ['const token = req.headers.authorization'],
    ['token = getToken("abc")'],
    ['token != x'],
    ['if (token) return'],
    ['token:'],
    ['token = '],
    ['token -> "abc"'],
    ['token ?: "abc"'],
  ])('turns away %j', (line) => {
    expect(gate('assignment', line, 'token')).toBe(false);
  });
});

describe('line-assignment gate (a NAME=value line)', () => {
  it.each([
    ['API_TOKEN=abcdef123456'],
    ['  export DB_PASSWORD = hunter2hunter2'],
    ['EXPORT\tapp.secret.key: value-of-a-key'],
    ['export_token=abcdefghijkl'],
    ['token:xxxxxxxxxxxx  '],
    ['API_TOKEN=abcdef123456\r'],
    ['API_TOKEN ?= abcdef123456'], // GNU make's assignment operators
    ['API_TOKEN ::= abcdef123456'],
    ['API_TOKEN :::= abcdef123456'],
    ['API_TOKEN=日本語の値'], // 4 characters, but 12 bytes: byte counts only ever let more through
    ['API_TOKEN=abcdef123456 # a comment'], // a trailing comment after a blank
    ['# REACT_APP_PASSWORD=mycoin!1xyz'], // commented out
    ['  - SAUCE_ACCESS_KEY=2397f603c2c4'], // a list item (Docker Compose environment)
    ['nuget key = af7e33adc0rq7ls6'], // a name of several words
    ['const token = abcdefghijkl'], // the name check, not the gate, turns code away
  ])('passes %j', (line) => {
    const keyword = /token|password|secret|key/i.exec(line)![0]!;
    expect(gate('line-assignment', line, keyword)).toBe(true);
  });

  it.each([
    ['if (x) token = abcdefghijkl', 'token'],
    ['a b c d token = abcdefghijkl', 'token'], // five words before the value
    ['API_TOKEN="quoted-value-here"', 'TOKEN'],
    ['API_TOKEN= #comment-here-long', 'TOKEN'],
    ['API_TOKEN=', 'TOKEN'],
    ['API_TOKEN=short', 'TOKEN'],
    ['TOKEN_LENGTH > 3', 'TOKEN'],
    ['obj.token(a) = bbbbbbbbbbbb', 'token'],
    ['exporttoken x=1111111111111', 'token'],
    ['API_TOKEN=;', 'TOKEN'],
    ['token = request.headers[x] if y', 'token'],
    ['API_TOKEN=abcdef123456#no-blank', 'TOKEN'],
    ['API_TOKEN=abcdef123456;', 'TOKEN'],
  ])('turns away %j', (line, keyword) => {
    expect(gate('line-assignment', line, keyword)).toBe(false);
  });
});

describe('line-label gate (a label, blanks and a value to the end of the line)', () => {
  it.each([
    ['nimble ACCESS 3mL6pHJQ7NMK3v8Z1J6n', 'ACCESS'],
    ['dailyKEY 123f456b789c234b567e', 'KEY'],
    ['signupgeniusKEY "53e2ca67b12b98e25e01946ab"', 'KEY'],
    ['ENV NPM_TOKEN npm9fK2qL7xZ0pR4tY6\r', 'TOKEN'],
  ])('passes %j', (line, keyword) => {
    expect(gate('line-label', line, keyword)).toBe(true);
  });

  it.each([
    ['nimble ACCESS=3mL6pHJQ7NMK3v8Z1J6n', 'ACCESS'], // an operator: the env rule's
    ['nimble ACCESS 3mL6pHJQ', 'ACCESS'], // shorter than 16
    ['nimble ACCESS 3mL6pHJQ7NMK3v8Z1J6n and more', 'ACCESS'],
    ['f(x) token 3mL6pHJQ7NMK3v8Z1J6n', 'token'],
    ['token', 'token'],
  ])('turns away %j', (line, keyword) => {
    expect(gate('line-label', line, keyword)).toBe(false);
  });
});

describe('credential-assignment gate (a credential word last in the name, then an assignment)', () => {
  it.each([
    ['BEAMER_key = "abc"', 'key'], ['MAILER_CREDENTIALS = "abc"', 'CREDENTIAL'], ['SECRET_KEY_BASE: "abc"', 'KEY'],
    ['dbPass2 = "abc"', 'Pass'], ['\\"awsSecretKey\\":\\"abc', 'Key'],
  ])('passes %j', (line, keyword) => {
    expect(gate('credential-assignment', line, keyword)).toBe(true);
  });
  it.each([
    ['keyword = "abc"', 'key'], ['author: "abc"', 'auth'], ['passenger = "abc"', 'pass'], ['key_with_a_long_tail = "abc"', 'key'],
    ['key.length > 3', 'key'],
  ])('turns away %j', (line, keyword) => {
    expect(gate('credential-assignment', line, keyword)).toBe(false);
  });
});

describe('line-quoted-label gate (a Groovy property set without parentheses)', () => {
  it.each([['  password "RSuw3MemJ8#4"'], ["token\t'abc'"]])('passes %j', (line) => {
    expect(gate('line-quoted-label', line, /password|token/.exec(line)![0]!)).toBe(true);
  });
  it.each([['x password "abc"'], ['password = "abc"'], ['password "'.slice(0, 9)], ['password abc']])('turns away %j', (line) => {
    expect(gate('line-quoted-label', line, 'password')).toBe(false);
  });
});

describe('call-argument gate (a quoted name and a quoted value as a call\'s arguments)', () => {
  it.each([
    ['os.getenv("api_token", "k5qc9Gfg")', 'token'],
    ["env( 'TWILIO_API_KEY' ,'wbTs1SUt')", 'KEY'],
  ])('passes %j', (line, keyword) => {
    expect(gate('call-argument', line, keyword)).toBe(true);
  });
  it.each([
    ['os.getenv("api_token")', 'token'],
    ['os.getenv("api_token", fallback)', 'token'],
    ['["api_token" "k5qc9Gfg"]', 'token'],
    ['f(api_token, "k5qc9Gfg")', 'token'],
  ])('turns away %j', (line, keyword) => {
    expect(gate('call-argument', line, keyword)).toBe(false);
  });
});

describe('url-parameter gate (name=value after ? or & or a curl data option)', () => {
  it.each([
    ['https://h/p?access_token=38bb7b318cc6898c8031', 'token='],
    ['https://h/p?a=1&client_secret=5uC5Y4Mcvdl5rB56rBmx', 'secret='],
    ['curl -d access_token=38bb7b318cc6898c8031', 'token='],
    ['curl --data "api_key=38bb7b318cc6898c8031"', 'key='],
  ])('passes %j', (line, keyword) => {
    expect(gate('url-parameter', line, keyword)).toBe(true);
  });
  it.each([
    ['https://h/p?access_token=short', 'token='],
    ['const access_token=38bb7b318cc6898c8031', 'token='],
    ['x.access_token=38bb7b318cc6898c8031', 'token='],
  ])('turns away %j', (line, keyword) => {
    expect(gate('url-parameter', line, keyword)).toBe(false);
  });
});

describe('url-userinfo gate (after ://)', () => {
  it.each([['postgres://app:Pw9s2LkQz7Xv@db:5432/x'], ['https://user:pa:ss@host'], ['amqp://guest:guest@localhost'], ['redis://:pw0@cache'.replace('://:', '://u:')]])('passes %j', (line) => {
    expect(gate('url-userinfo', line, '://')).toBe(true);
  });

  it.each([
    ['https://example.com/path?a=b'],
    ['https://host:8443/path'],
    ['https://user@host/'],
    ['https://u:ab@host'], // a password of two characters is too short for the rule
    ['ftp://u:pass word@host'],
    ['http://:secret@host'],
    ['s3://bucket/key:abc@x'],
  ])('turns away %j', (line) => {
    expect(gate('url-userinfo', line, '://')).toBe(false);
  });
});

describe('gated scans find exactly what ungated scans find', () => {
  const gated = new SecretEngine();
  const ungated = new SecretEngine({ ungated: true });
  const same = (text: string) => {
    const a = gated.scan(text).map((m) => [m.ruleId, m.start, m.end]);
    const b = ungated.scan(text).map((m) => [m.ruleId, m.start, m.end]);
    expect(a).toEqual(b);
    return a.length;
  };

  it('on every example of every catalog rule', () => {
    const gatedRules = loadCatalog().filter((r) => r.gate !== undefined);
    expect(gatedRules.map((r) => r.id).sort()).toEqual(
      ['secret/generic-api-key', 'secret/generic-call-argument', 'secret/generic-credential', 'secret/generic-env-assignment', 'secret/generic-groovy-credential', 'secret/generic-labelled-credential', 'secret/generic-password', 'secret/generic-url-parameter', 'secret/generic-secret', 'secret/generic-token', 'secret/password-in-url'].sort(),
    );
    let found = 0;
    for (const rule of loadCatalog()) for (const ex of [...rule.examples.positive, ...rule.examples.negative]) found += same(ex.replace(/[«»]/g, ''));
    expect(found).toBeGreaterThan(300);
  });

  it('on generated assignments: every name, quote, operator and spacing the patterns allow, and near-misses', () => {
    const names = ['token', 'apiToken', 'x.token-id', 'DB_PASSWORD', 'secret', 'client_secret', 'API_KEY', 'privateKey', 'pwd', 'nimble ACCESS', 'dailyKEY', '# app_pass'];
    const quotesAfterName = ['', '"', "'"];
    const operators = [':=', '=>', '=', ':', '??=', '||=', '==', '->', '?=', ' ']; // ' ': a label with no operator
    const spaces = ['', ' ', '\t', '  '];
    const endings = ['', '  ', '\r', ' # note', ';', '\t\r'];
    const values = ['"Zq9mLp2vX7tKw4Rb8Nc1"', "'Zq9mLp2vX7tKw4Rb8Nc1'", '`Zq9mLp2vX7tKw4Rb8Nc1`', 'new String("Zq9mLp2vX7tKw4Rb8Nc1")', 'Zq9mLp2vX7tKw4Rb8Nc1', 'getSecret("x")'];
    let found = 0;
    let texts = 0;
    for (const name of names)
      for (const q of quotesAfterName)
        for (const op of operators)
          for (const sp of spaces)
            for (const value of values) {
              // Each combination once with one of the endings in turn (the env pattern runs to the line's end).
              const line = `${name}${q}${sp}${op}${sp}${value}${endings[texts % endings.length]}`;
              found += same(line) + same(`  export ${line}`) + same(`const a = 1; ${line};`);
              texts += 3;
            }
    expect(texts).toBeGreaterThan(10000);
    expect(found).toBeGreaterThan(1000);
  });

  it('on generated URLs with and without credentials', () => {
    const schemes = ['postgres', 'mysql', 'https', 'amqp', 'redis', 'git+ssh'];
    const users = ['', 'app', 'user.name', 'a%40b'];
    const passwords = ['', 'pw', 'Pw9s2LkQz7Xv', 'p@ss', 'p:ss', 'pa ss', 'pa/ss'];
    let found = 0;
    for (const s of schemes) for (const u of users) for (const p of passwords) for (const host of ['db.internal:5432/x', 'host', '[::1]']) {
      const userinfo = p ? `${u}:${p}@` : u ? `${u}@` : '';
      found += same(`url = "${s}://${userinfo}${host}"`) + same(`${s}://${userinfo}${host}`);
    }
    expect(found).toBeGreaterThan(20);
  });

  it('rejects an unknown gate, and a gate on a multi-line rule, as catalog errors', () => {
    const base = { id: 'secret/test-gate', title: 'T', description: 'D.', severity: 'high', keywords: ['x'], pattern: 'x(y)' };
    expect(() => parseCatalogRule({ ...base, gate: 'nope' }, 't.yaml', false)).toThrow(/"gate" must name one of: assignment, credential-assignment, line-assignment, line-label, line-quoted-label, url-userinfo, call-argument, url-parameter/);
    expect(() => parseCatalogRule({ ...base, gate: 'assignment', multiline: true }, 't.yaml', false)).toThrow(/cannot be used with "multiline"/);
  });
});
