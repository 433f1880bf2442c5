/**
 * Rule metadata: what every rule of every family must declare, and how severity maps
 * to SARIF levels and GitHub's `security-severity`.
 */
import type { Level } from './finding.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export type Precision = 'very-high' | 'high' | 'medium' | 'low';

/** Rule families of design.md: `secret/<provider-token>`, `iam/<name>`, ... */
export const RULE_FAMILIES = ['secret', 'iam', 'env', 'rotation', 'kms', 'logging', 'ci', 'container'] as const;
export type RuleFamily = (typeof RULE_FAMILIES)[number];

export interface RuleMeta {
  /** Stable id, `<family>/<name>` in kebab-case. */
  id: string;
  /** A few words, shown as SARIF `name` and in text output. */
  title: string;
  /** One sentence (SARIF `shortDescription`). */
  shortDescription: string;
  /** A paragraph (SARIF `fullDescription`). */
  fullDescription: string;
  /** Help in Markdown: why it matters, how to fix on each cloud. */
  helpMarkdown: string;
  severity: Severity;
  precision: Precision;
  tags: string[];
  /** Link to the rule's documentation page. */
  helpUri?: string;
}

/** GitHub's bands: low < 4.0 <= medium < 7.0 <= high < 9.0 <= critical. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

export function levelForSeverity(severity: Severity): Level {
  switch (severity) {
    case 'critical':
    case 'high':
      return 'error';
    case 'medium':
      return 'warning';
    case 'low':
      return 'note';
  }
}

const RULE_ID = new RegExp(`^(${RULE_FAMILIES.join('|')})/[a-z0-9]+(?:-[a-z0-9]+)*$`);

/** Returns the problems with a rule's metadata; empty when it is complete. */
export function validateRuleMeta(rule: RuleMeta): string[] {
  const problems: string[] = [];
  if (!RULE_ID.test(rule.id)) problems.push(`id "${rule.id}" is not <family>/<kebab-name> with a known family`);
  for (const key of ['title', 'shortDescription', 'fullDescription', 'helpMarkdown'] as const) {
    const value = rule[key];
    if (typeof value !== 'string' || value.trim() === '') problems.push(`${key} is empty`);
  }
  if (rule.shortDescription.length > 1024) problems.push('shortDescription is over 1024 characters');
  if (rule.fullDescription.length > 1024) problems.push('fullDescription is over 1024 characters');
  if (!(rule.severity in SECURITY_SEVERITY)) problems.push(`severity "${rule.severity}" is unknown`);
  if (!rule.tags.includes('security')) problems.push('tags must include "security"');
  return problems;
}

/** Plain-text help for SARIF `help.text`: the Markdown without its markup. */
export function helpText(rule: RuleMeta): string {
  return rule.helpMarkdown
    .replace(/```[a-z]*\n?/g, '')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]*)\*\*/g, '$1')
    .replace(/^#+\s*/gm, '')
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1 ($2)')
    .trim();
}
