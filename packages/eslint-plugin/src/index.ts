/**
 * eslint-plugin-leakguard: secrets and IAM rules for editors and CI (flat config, ESLint 9+).
 *
 *   import leakguard from 'eslint-plugin-leakguard';
 *   export default [leakguard.configs.recommended];
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from './rules/index.js';
import { buildConfigs, WARN_IN_RECOMMENDED } from './configs.js';
import { rulesTable } from './rules-table.js';

const meta = { name: 'eslint-plugin-leakguard', version: '0.1.0', namespace: 'leakguard' } as const;

const plugin = {
  meta,
  rules,
  configs: {} as Record<'recommended' | 'strict', TSESLint.FlatConfig.Config>,
};
plugin.configs = buildConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin, rules);

export { rules };
/** The README's rule list, from the rules' metadata. */
export const readmeRulesTable = (): string => rulesTable(rules, WARN_IN_RECOMMENDED);
export const configs = plugin.configs;
export default plugin;
