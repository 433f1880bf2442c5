import { describe, expect, it } from 'vitest';
import { compilePathPattern, hasGlobCharacter, MAX_ALTERNATIVES, type PathPattern } from '../src/path-pattern.js';

function compiled(arg: string): PathPattern {
  const p = compilePathPattern(arg);
  if ('error' in p) throw new Error(p.error);
  return p;
}

describe('command-line glob patterns', () => {
  it.each([
    // [pattern, base, path below the base, matches]
    ['infra/**/*.tf', 'infra', 'main.tf', true],
    ['infra/**/*.tf', 'infra', 'modules/vpc/main.tf', true],
    ['infra/**/*.tf', 'infra', 'modules/vpc/main.tf.bak', false],
    ['infra/**/*.tf', 'infra', 'README.md', false],
    ['**/*.env', '.', '.env', true],
    ['**/*.env', '.', 'app/.env', true],
    ['**/*.env', '.', 'app/prod.env', true],
    ['**/.env*', '.', 'app/.env.local', true],
    ['*.yml', '.', 'serverless.yml', true],
    ['*.yml', '.', 'ci/build.yml', false],
    ['src/*/handler.ts', 'src', 'orders/handler.ts', true],
    ['src/*/handler.ts', 'src', 'orders/v2/handler.ts', false],
    ['src/**/handler.ts', 'src', 'orders/v2/handler.ts', true],
    ['src/**', 'src', 'a/b/c.ts', true],
    ['template.y?ml', '.', 'template.yaml', true],
    ['template.y?ml', '.', 'template.yml', false],
    ['env/[a-c]*.tfvars', 'env', 'beta.tfvars', true],
    ['env/[a-c]*.tfvars', 'env', 'prod.tfvars', false],
    ['env/[!p]*.tfvars', 'env', 'prod.tfvars', false],
    ['env/[^p]*.tfvars', 'env', 'dev.tfvars', true],
    ['{infra,deploy}/**/*.{tf,tfvars}', '.', 'infra/main.tf', true],
    ['{infra,deploy}/**/*.{tf,tfvars}', '.', 'deploy/x/prod.tfvars', true],
    ['{infra,deploy}/**/*.{tf,tfvars}', '.', 'docs/main.tf', false],
    ['app/{a,b{c,d}}.js', 'app', 'bd.js', true],
    ['app/{a,b{c,d}}.js', 'app', 'b.js', false],
    ['lit/\\*.js', 'lit', '*.js', true],
    ['lit/\\*.js', 'lit', 'a.js', false],
    ['a/{x}.js', 'a', '{x}.js', true],
    ['*a*a*b', '.', 'aaab', true],
    ['/srv/app/**/*.json', '/srv/app', 'config/prod.json', true],
  ])('%s: base %s, %s -> %s', (pattern, base, rel, expected) => {
    const p = compiled(pattern);
    expect(p.base).toBe(base);
    expect(p.matches(rel)).toBe(expected);
  });

  it('enters only folders that can hold a match', () => {
    const p = compiled('src/*/handler.ts');
    expect(p.mayHold('orders')).toBe(true);
    expect(p.mayHold('orders/v2'), 'one folder level only').toBe(false);
    const deep = compiled('infra/**/prod/*.tf');
    expect(deep.mayHold('a/b/c')).toBe(true);
    const alternatives = compiled('{infra,deploy}/*.tf');
    expect(alternatives.mayHold('infra')).toBe(true);
    expect(alternatives.mayHold('docs'), 'a folder no alternative names').toBe(false);
    expect(alternatives.mayHold('infra/modules')).toBe(false);
  });

  it('knows a glob argument from a path', () => {
    expect(hasGlobCharacter('src/**/*.ts')).toBe(true);
    expect(hasGlobCharacter('pages/[id].ts')).toBe(true); // a glob only when no such file exists (discover.ts)
    expect(hasGlobCharacter('infra/main.tf')).toBe(false);
  });

  it('refuses patterns that expand past the bound, and mixed absolute and relative alternatives', () => {
    const many = '{a,b,c,d}'.repeat(5); // 4^5 = 1024 alternatives
    expect(compilePathPattern(many)).toEqual({ error: `pattern expands to more than ${MAX_ALTERNATIVES} alternatives` });
    expect(compilePathPattern('{/etc,src}/*.conf')).toEqual({ error: 'alternatives mix absolute and relative paths' });
    expect('error' in compilePathPattern('x'.repeat(5000))).toBe(true);
  });

  it('matches a hostile pattern against a long name without backtracking blow-up', () => {
    // A backtracking regex would take exponential time here; the matcher is name x pattern at worst.
    const p = compiled(`${'*a'.repeat(60)}*b`);
    const name = 'a'.repeat(4000);
    expect(p.matches(name)).toBe(false);
    expect(p.matches(`${name}b`)).toBe(true);
    const stars = compiled(`${'**/'.repeat(60)}x`);
    expect(stars.matches(`${'d/'.repeat(500)}y`)).toBe(false);
    expect(stars.matches(`${'d/'.repeat(500)}x`)).toBe(true);
  });
});
