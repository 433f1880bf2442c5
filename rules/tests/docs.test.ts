/** docs/rules/secrets.md is generated from the catalog and must be current; every rule's help link lands on its heading. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog, secretRuleMeta } from '../../packages/core/src/index.js';
import { anchorOf, renderSecretsDoc } from '../scripts/render-doc.mjs';

const catalog = loadCatalog();
const doc = readFileSync(new URL('../../docs/rules/secrets.md', import.meta.url), 'utf8');

describe('docs/rules/secrets.md', () => {
  it('is what the catalog renders to (run `node rules/scripts/write-doc.mjs` after changing rules/*.yaml)', () => {
    expect(doc).toBe(renderSecretsDoc(catalog));
  });

  it.each(catalog.map((r) => [r.id] as const))('%s has a heading that its helpUri points to', (id) => {
    const rule = catalog.find((r) => r.id === id)!;
    expect(doc).toContain(`\n### ${id}\n`);
    expect(secretRuleMeta(rule).helpUri.endsWith(`docs/rules/secrets.md#${anchorOf(id)}`)).toBe(true);
  });
});
