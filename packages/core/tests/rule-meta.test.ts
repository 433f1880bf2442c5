import { describe, expect, it } from 'vitest';
import { helpText, levelForSeverity, SECURITY_SEVERITY, validateRuleMeta, type RuleMeta } from '@leakguard/core';

const good: RuleMeta = {
  id: 'iam/wildcard-action',
  title: 'Wildcard IAM action',
  shortDescription: 'A policy allows every action.',
  fullDescription: 'A policy statement allows "*".',
  helpMarkdown: '**Fix**: list the `s3:GetObject` actions. See [docs](https://example.invalid).',
  severity: 'high',
  precision: 'very-high',
  tags: ['security'],
};

describe('rule metadata', () => {
  it('accepts a complete rule', () => expect(validateRuleMeta(good)).toEqual([]));

  it.each<[string, Partial<RuleMeta>, RegExp]>([
    ['an unknown family', { id: 'secrets/x' }, /not <family>\/<kebab-name>/],
    ['a non-kebab name', { id: 'iam/Wildcard' }, /not <family>/],
    ['an empty title', { title: ' ' }, /title is empty/],
    ['a long description', { fullDescription: 'x'.repeat(1025) }, /over 1024/],
    ['no security tag', { tags: ['iam'] }, /must include "security"/],
  ])('rejects %s', (_name, change, problem) => {
    expect(validateRuleMeta({ ...good, ...change }).join('\n')).toMatch(problem);
  });

  it('maps severities onto GitHub bands and SARIF levels', () => {
    expect(Object.values(SECURITY_SEVERITY).map(Number)).toEqual([9.5, 8.0, 5.5, 3.0]);
    expect(['critical', 'high', 'medium', 'low'].map((s) => levelForSeverity(s as RuleMeta['severity']))).toEqual(['error', 'error', 'warning', 'note']);
  });

  it('derives plain help text from the Markdown', () => {
    expect(helpText(good)).toBe('Fix: list the s3:GetObject actions. See docs (https://example.invalid).');
  });
});
