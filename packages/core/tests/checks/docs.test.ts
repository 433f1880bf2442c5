import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTAINER_RULES, INFRA_RULES, WORKFLOW_RULES } from '@leakguard/core';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const table = readFileSync(`${root}docs/checks.md`, 'utf8');

describe('every infrastructure rule is documented', () => {
  it.each([...INFRA_RULES, ...WORKFLOW_RULES, ...CONTAINER_RULES].map((r) => [r.id, r] as const))('%s has its page and a row in docs/checks.md', (id, rule) => {
    const page = `docs/rules/${id.replace('/', '-')}.md`;
    expect(existsSync(`${root}${page}`)).toBe(true);
    expect(rule.helpUri?.endsWith(page)).toBe(true);
    const doc = readFileSync(`${root}${page}`, 'utf8');
    expect(doc).toContain(`# ${id}`);
    expect(doc).toMatch(/## Reported[\s\S]*```[\s\S]*## Not reported[\s\S]*```/);
    expect(table).toContain(`[\`${id}\`](rules/${id.replace('/', '-')}.md)`);
  });
});
