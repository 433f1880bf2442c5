import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileScanner } from '@leakguard/core';
import { CloudFormationScanner } from '@leakguard/scanner-cloudformation';
import { ServerlessScanner } from '@leakguard/scanner-serverless';
// The Terraform package is not a dependency of this one: its source is imported directly.
import { TerraformScanner } from '../../terraform/src/index.js';
import { engine } from '../../cloudformation/tests/helpers.js';

// examples/serverless-app marks every classic mistake with `MISTAKE(<families>)`. Each family a
// marker names (but `secret`, which the full catalog reports for tokens in known formats) must be
// reported in that file; the files that show the right pattern stay clean.
const app = fileURLToPath(new URL('../../../examples/serverless-app/', import.meta.url));
const terraform = new TerraformScanner();
beforeAll(() => terraform.init());

const cases: [string, FileScanner][] = [
  ['serverless.yml', new ServerlessScanner()],
  ['template.yaml', new CloudFormationScanner()],
  ['terraform/main.tf', terraform],
];

describe('examples/serverless-app', () => {
  it.each(cases)('%s: every marked mistake family is reported', async (file, scanner) => {
    const text = readFileSync(app + file, 'utf8');
    expect(scanner.accepts({ path: file, text })).toBe(true);
    const marked = new Set([...text.matchAll(/MISTAKE\(([^)]*)\)/g)].flatMap((m) => m[1]!.split(',').map((s) => s.trim())));
    marked.delete('secret');
    expect(marked.size).toBeGreaterThan(0);
    const out = await scanner.scan({ path: file, text, absolutePath: app + file }, { secrets: engine });
    const families = new Set(out.drafts.map((d) => d.ruleId.split('/')[0]));
    for (const family of marked) expect(families, `${file}: ${family}`).toContain(family);
    expect(out.notifications).toEqual([]);
  });

  it('terraform/good.tf (the right pattern) has no finding', async () => {
    const text = readFileSync(app + 'terraform/good.tf', 'utf8');
    const out = await terraform.scan({ path: 'terraform/good.tf', text, absolutePath: app + 'terraform/good.tf' }, { secrets: engine });
    expect(out.drafts.map((d) => `${d.ruleId}@${d.region.startLine}`)).toEqual([]);
  });
});
