import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { SecretEngine, parseCatalogRule, unsafePatternMessage, type CatalogRule } from '@leakguard/core';
import { createRule } from '../util/create-rule.js';
import { ignoreTestFilesSchema, isTestFileOf } from '../util/files.js';

export type Options = [
  {
    /** Catalog rule ids to skip (`secret/generic-api-key`). */
    disabledRules?: string[];
    /** Your own rules, in the catalog's shape (id, title, description, severity, keywords, pattern, ...). */
    customRules?: Record<string, unknown>[];
    ignoreTestFiles?: boolean;
    testFilePatterns?: string[];
  },
];
export type MessageIds = 'hardcodedSecret';

/**
 * One engine per process (and per set of custom rules), built on first use: compiling the catalog
 * is the expensive part, and ESLint calls `create` once per file.
 */
const engines = new Map<string, SecretEngine>();
export function engineFor(customRules: Record<string, unknown>[] = []): SecretEngine {
  const key = customRules.length ? JSON.stringify(customRules) : '';
  let engine = engines.get(key);
  if (!engine) {
    const extraRules: CatalogRule[] = customRules.map((r) => parseCatalogRule(r, 'no-hardcoded-secrets options', false));
    // A pattern that could hang the editor under the JavaScript fallback is an options error.
    for (const rule of extraRules) {
      for (const [what, pattern, flags] of [['pattern', rule.pattern, rule.ignoreCase ? 'i' : ''], ...(rule.allow ?? []).map((a) => ['allow pattern', a, 'i'])] as const) {
        const message = unsafePatternMessage(pattern, flags);
        if (message) throw new Error(`leakguard/no-hardcoded-secrets options: rule ${rule.id}: ${what} ${JSON.stringify(pattern)} ${message}`);
      }
    }
    engine = new SecretEngine({ extraRules });
    engines.set(key, engine);
  }
  return engine;
}

type Range = [number, number];

/** Sorted ranges of string literals, template chunks, JSX text and comments. */
function textRanges(sourceCode: Readonly<TSESLint.SourceCode>): Range[] {
  const ranges: Range[] = [];
  for (const t of sourceCode.ast.tokens) {
    if (t.type === 'String' || t.type === 'Template' || t.type === 'JSXText') ranges.push(t.range);
  }
  for (const c of sourceCode.getAllComments()) ranges.push(c.range);
  return ranges.sort((a, b) => a[0] - b[0]);
}

function inRanges(ranges: Range[], start: number, end: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (r[1] <= start) lo = mid + 1;
    else if (r[0] > start) hi = mid - 1;
    else return end <= r[1];
  }
  return false;
}

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-secrets',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow secrets (keys, tokens, private keys) written in string literals, template literals and comments',
      recommended: 'recommended',
    },
    messages: {
      hardcodedSecret:
        'Secret in the code: {{title}} ({{ruleId}}). Revoke or rotate it now, remove it (and from git history), and load it at run time from a secret store: AWS Secrets Manager / SSM SecureString, Azure Key Vault, GCP Secret Manager.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          disabledRules: { type: 'array', items: { type: 'string' }, description: 'Catalog rule ids to skip.' },
          customRules: {
            type: 'array',
            items: { type: 'object', required: ['id', 'title', 'pattern', 'keywords'] },
            description: 'Your own rules in the catalog format (id `secret/<name>`, title, description, severity, keywords, pattern, entropy...).',
          },
          ...ignoreTestFilesSchema,
        },
      },
    ],
  },
  defaultOptions: [{ ignoreTestFiles: false }],
  create(context, [options]) {
    if (options.ignoreTestFiles === true && isTestFileOf(context, options.testFilePatterns)) return {};
    const disabled = new Set(options.disabledRules ?? []);
    return {
      'Program:exit'(_node: TSESTree.Program) {
        const sourceCode = context.sourceCode;
        const engine = engineFor(options.customRules);
        const matches = engine.scan(sourceCode.text).filter((m) => !disabled.has(m.ruleId));
        if (matches.length === 0) return;
        const ranges = textRanges(sourceCode);
        for (const m of matches) {
          if (!inRanges(ranges, m.start, m.end)) continue;
          context.report({
            loc: { start: sourceCode.getLocFromIndex(m.start), end: sourceCode.getLocFromIndex(m.end) },
            messageId: 'hardcodedSecret',
            data: { title: engine.ruleMeta(m.ruleId)?.title ?? 'secret', ruleId: m.ruleId },
          });
        }
      },
    };
  },
});
