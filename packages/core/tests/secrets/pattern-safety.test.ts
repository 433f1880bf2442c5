/** The static check that keeps user patterns off the backtracking engine's worst cases. */
import { describe, expect, it } from 'vitest';
import { backtrackingRisk } from '../../src/secrets/pattern-safety.js';

describe('backtrackingRisk', () => {
  it.each([
    ['a fixed-length token', 'acme_([a-z0-9]{32})'],
    ['an anchored prefix', '^sk_test_'],
    ['word boundaries around a token', '\\b(demo_[A-Za-z0-9]{24})\\b'],
    ['quantifiers separated by a required character', 'key\\s*=\\s*["\']?([A-Za-z0-9/+]{40})'],
    ['a repeated group of literals only', '(?:ab)+'],
    ['a negated class up to its delimiter', 'a[^"]*"b*'],
    ['named and non-capturing groups', 'x(?<name>[a-f0-9]{8})-(?:[a-f0-9]{4})'],
    ['a class with an escape and a dash', '[\\w-]+\\.example\\.com'],
    ['disjoint unbounded runs', '[a-z]+[0-9]+'],
    ['a repeated choice between alternatives that start differently', 'sig=((?:[A-Za-z0-9+/]|%2[BbFf]){40,})'],
    ['an optional group between disjoint runs', '\\bmachine[ \\t]+[^\\s]+\\s+(?:login[ \\t]+[^\\s]+\\s+)?password'],
    ['a run inside a group that ends with a literal', '(?:heroku[\\w.-]*(?:key|token))[\\w.-]*=']
  ])('accepts %s: %s', (_, pattern) => {
    expect(backtrackingRisk(pattern)).toBeUndefined();
  });

  it.each([
    ['a nested quantifier', '(a+)+$', /exponential/],
    ['overlapping alternatives repeated', '(a|ab)*c', /exponential/],
    ['alternatives that share a first letter, repeated', '(?:api_|access_)*key', /exponential/],
    ['a repeated group holding a quantifier', '(?:[a-z]+-)+x', /exponential/],
    ['a repeated group holding a star', '(?:a*)*', /exponential/],
    ['two dot-stars', '.*.*=', /polynomial/],
    ['a word run then a digit run', '\\w+\\d+', /polynomial/],
    ['runs separated by an optional character', '[a-z]+_?[a-z]+', /polynomial/],
    ['runs inside capture groups', '(.*)(.*)x', /polynomial/],
    ['letters that overlap only under the i flag', '[a-z]+[A-Z]+', /polynomial/, 'i'],
    ['a backreference', '(a)\\1', /backreference/],
    ['a named backreference', '(?<q>a)\\k<q>', /backreference/],
    ['a lookahead', 'a(?=b)', /lookaround/],
    ['a lookbehind', '(?<!x)y', /lookaround/],
  ])('refuses %s: %s', (_, pattern, reason, flags = '') => {
    expect(backtrackingRisk(pattern, flags)).toMatch(reason);
  });

  it('the i flag is what makes [a-z]+[A-Z]+ overlap', () => {
    expect(backtrackingRisk('[a-z]+[A-Z]+')).toBeUndefined();
  });
});
