/**
 * `recommended`: every rule whose `meta.docs.recommended` is `recommended`, at its default
 * severity. `strict`: every rule, as errors, with test files included where a rule skips them.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import type { RuleName, AnyRule } from './rules/index.js';

/** Rules that warn rather than fail in `recommended`: advice (cost, latency) or a pattern to migrate away from, not a leak by itself. */
export const WARN_IN_RECOMMENDED: ReadonlySet<string> = new Set<string>(['no-env-secrets', 'no-uncached-secret-fetch']);

export function buildConfigs(
  plugin: TSESLint.FlatConfig.Plugin,
  rules: Record<RuleName, AnyRule>,
): Record<'recommended' | 'strict', TSESLint.FlatConfig.Config> {
  const recommended: TSESLint.FlatConfig.Rules = {};
  const strict: TSESLint.FlatConfig.Rules = {};
  for (const [name, rule] of Object.entries(rules) as [RuleName, AnyRule][]) {
    if (rule.meta.docs?.recommended === 'recommended') recommended[`leakguard/${name}`] = WARN_IN_RECOMMENDED.has(name) ? 'warn' : 'error';
    strict[`leakguard/${name}`] = 'error';
  }
  return {
    recommended: { name: 'leakguard/recommended', plugins: { leakguard: plugin }, rules: recommended },
    strict: { name: 'leakguard/strict', plugins: { leakguard: plugin }, rules: strict },
  };
}
