import { ESLintUtils } from '@typescript-eslint/utils';
import { DOCS_BASE } from '@leakguard/core';

/** Extra `meta.docs` fields of this plugin's rules. */
export interface LeakguardDocs {
  description: string;
  /** The config that turns the rule on: `recommended` (and `strict`), or only `strict`. */
  recommended: 'recommended' | 'strict';
  /** Why a rule is only in `strict` (required when `recommended` is `strict`). */
  notInRecommendedBecause?: string;
  requiresTypeChecking?: false;
}

export const docsUrl = (name: string): string => `${DOCS_BASE}/packages/eslint-plugin/docs/rules/${name}.md`;

export const createRule = ESLintUtils.RuleCreator<LeakguardDocs>(docsUrl);
