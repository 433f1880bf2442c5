/** The rule list of the README, generated from the rules' own metadata (`pnpm --filter eslint-plugin-leakguard readme`). */
import type { AnyRule } from './rules/index.js';
import { docsUrl } from './util/create-rule.js';

export const BEGIN = '<!-- begin auto-generated rules list -->';
export const END = '<!-- end auto-generated rules list -->';

export function rulesTable(rules: Record<string, AnyRule>, warnInRecommended: ReadonlySet<string>): string {
  const rows = Object.entries(rules)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, rule]) => {
      const docs = rule.meta.docs!;
      const rec = docs.recommended === 'recommended' ? (warnInRecommended.has(name) ? '⚠️ warn' : '💼 error') : '–';
      // Absolute links: the README is also shown on npm, where relative links lead nowhere.
      return `| [${name}](${docsUrl(name)}) | ${docs.description} | ${rec} | 💼 error |`;
    });
  return [BEGIN, '', '| Rule | Description | `recommended` | `strict` |', '| --- | --- | --- | --- |', ...rows, '', END].join('\n');
}

/** Replaces the generated block of `readme` with `table`. */
export function withRulesTable(readme: string, table: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README has no ${BEGIN} ... ${END} block`);
  return readme.slice(0, start) + table + readme.slice(end + END.length);
}
