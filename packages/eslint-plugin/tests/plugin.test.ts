import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import plugin, { readmeRulesTable, rules } from '../src/index.js';
import { docsUrl } from '../src/util/create-rule.js';
import { withRulesTable } from '../src/rules-table.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const ruleFiles = readdirSync(`${root}src/rules`)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''));
const entries = Object.entries(rules);

describe('the plugin', () => {
  it('exports every rule file under its file name', () => {
    expect(Object.keys(rules).sort()).toEqual(ruleFiles.sort());
  });

  it.each(entries)('%s has a doc, a test, a docs url and a schema', (name, rule) => {
    expect(existsSync(`${root}docs/rules/${name}.md`)).toBe(true);
    expect(existsSync(`${root}tests/rules/${name}.test.ts`)).toBe(true);
    expect(rule.meta.docs?.url).toBe(docsUrl(name));
    expect(rule.meta.docs?.url).toMatch(new RegExp(`/packages/eslint-plugin/docs/rules/${name}\\.md$`));
    expect(Array.isArray(rule.meta.schema) && rule.meta.schema.length > 0).toBe(true);
    expect((rule.meta.schema as { type?: string }[])[0]?.type).toBe('object');
    expect(rule.meta.docs?.description.length).toBeGreaterThan(20);
  });

  it.each(entries)('%s is in recommended, or says why not; and it is in strict', (name, rule) => {
    const inRecommended = `leakguard/${name}` in (plugin.configs.recommended.rules ?? {});
    expect(inRecommended).toBe(rule.meta.docs?.recommended === 'recommended');
    if (!inRecommended) expect(rule.meta.docs?.notInRecommendedBecause?.length ?? 0).toBeGreaterThan(20);
    expect(plugin.configs.strict.rules?.[`leakguard/${name}`]).toBe('error');
  });

  it.each(entries)('%s doc is titled by the rule and gives the fix per cloud', (name) => {
    const doc = readFileSync(`${root}docs/rules/${name}.md`, 'utf8');
    expect(doc.split('\n')[0]).toBe(`# ${name}`);
    for (const cloud of ['AWS', 'Azure', 'GCP']) expect(doc).toContain(cloud);
  });

  it.each(entries)('%s messages say what to do on AWS, Azure and Google Cloud', (name, rule) => {
    const text = Object.values(rule.meta.messages).join(' ');
    expect(text).toMatch(/AWS/);
    expect(text).toMatch(/Azure/);
    expect(text).toMatch(/GCP|Google/);
  });

  it('configs carry the plugin under the "leakguard" namespace', () => {
    expect(plugin.configs.recommended.plugins?.leakguard).toBe(plugin);
    expect(plugin.meta.name).toBe('eslint-plugin-leakguard');
  });

  it('README rule list is the generated one (run `pnpm --filter eslint-plugin-leakguard readme`)', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    expect(withRulesTable(readme, readmeRulesTable())).toBe(readme);
    // Absolute links to each rule's doc: npm shows this README too, where relative links lead nowhere.
    for (const name of Object.keys(rules)) expect(readme).toContain(`[${name}](${docsUrl(name)})`);
  });
});
