import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, ruleSetting } from '@leakguard/core';

describe('leakguard.yaml', () => {
  it('reads rules, exclude, allow and custom rules', () => {
    const config = parseConfig(
      [
        'rules:',
        '  secret/private-key-rsa: off',
        '  iam/*: note',
        '  env/plaintext-secret: false',
        'exclude: [fixtures/]',
        'allow: ["^sk_test_"]',
        'customRules:',
        '  - id: secret/acme-token',
        '    title: Acme token',
        '    description: Acme API token.',
        '    severity: high',
        '    keywords: [ACME_]',
        "    pattern: 'acme_([a-z0-9]{32})'",
      ].join('\n'),
      'leakguard.yaml',
    );
    expect(ruleSetting(config, 'secret/private-key-rsa')).toBe('off');
    expect(ruleSetting(config, 'iam/wildcard-action')).toBe('note');
    expect(ruleSetting(config, 'env/plaintext-secret')).toBe('off');
    expect(ruleSetting(config, 'secret/aws-access-key')).toBeUndefined();
    expect(config.exclude).toEqual(['fixtures/']);
    expect(config.customRules[0]).toMatchObject({ id: 'secret/acme-token', keywords: ['acme_'] });
  });

  it('treats an empty file as no configuration', () => {
    expect(parseConfig('', 'leakguard.yaml')).toMatchObject({ rules: {}, exclude: [], allow: [], customRules: [] });
  });

  it.each([
    ['rules: [unclosed', /leakguard\.yaml:1:\d+: not valid YAML/],
    ['- a list', /expected a mapping at the top level/],
    ['rulez: {}', /unknown key "rulez"/],
    ['rules: [a]', /"rules" must map rule ids/],
    ['rules:\n  secret/x: loud', /rules\.secret\/x must be one of off, error, warning, note/],
    ['exclude: fixtures/', /"exclude" must be a list of non-empty strings/],
    ['allow: ["("]', /allow pattern "\(" does not compile/],
    ['customRules: {}', /"customRules" must be a list/],
    ['customRules:\n  - id: acme\n    title: t\n    description: d\n    severity: high\n    keywords: [a]\n    pattern: a', /rule acme: id must be secret\/<kebab-name>/],
    ['customRules:\n  - id: secret/acme\n    title: t\n    description: d\n    severity: loud\n    keywords: [a]\n    pattern: a', /"severity" must be one of/],
    ['customRules:\n  - id: secret/acme\n    title: t\n    description: d\n    severity: high\n    keywords: []\n    pattern: a', /"keywords" must be a non-empty list/],
    ['customRules:\n  - id: secret/acme\n    title: t\n    description: d\n    severity: high\n    keywords: [a]\n    pattern: "(?<=a)b"', /rule secret\/acme: pattern does not compile/],
    ['customRules:\n  - id: secret/acme\n    title: t\n    description: d\n    severity: high\n    keywords: [a]\n    pattern: a\n    examples: { positive: [] }', /"examples" needs at least one positive and one negative/],
  ])('rejects %j with a clear message', (text, message) => {
    expect(() => parseConfig(text, 'leakguard.yaml')).toThrow(ConfigError);
    expect(() => parseConfig(text, 'leakguard.yaml')).toThrow(message);
  });

  it('never quotes the source text of a YAML error (it could be a secret)', () => {
    const secret = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
    let message = '';
    try {
      parseConfig(`rules: {}\n"${secret}" trailing`, 'leakguard.yaml');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^leakguard\.yaml:2:\d+: not valid YAML/);
    expect(message).not.toContain(secret);
    expect(message).not.toContain('sk_live');
  });

  it('bounds YAML aliases (an alias bomb is an error, not a hang)', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`), 'rules: {}'].join('\n');
    expect(() => parseConfig(bomb, 'leakguard.yaml')).toThrow(/too many aliases/);
  });
});
