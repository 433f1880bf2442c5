/** The README stays true: its usage block is the CLI's own help, and CI runs its test command. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './support/cli.js';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('shows the usage text the CLI prints', () => {
    const help = runCli(['--help']).stdout;
    expect(help).toMatch(/^Usage: leakguard/);
    expect(readme).toContain('```\n' + help + '```');
  });

  it('gives the two commands, and CI runs the test command', () => {
    const scan = 'npx pnpm@10 install && npx pnpm@10 leakguard scan examples/serverless-app';
    const test = 'npx pnpm@10 install --frozen-lockfile && npx pnpm@10 test';
    expect(readme).toContain(scan);
    expect(readme).toContain(test);
    expect(readFileSync(join(REPO_ROOT, '.ci/run'), 'utf8')).toContain(test.replaceAll('npx pnpm', 'npx --yes pnpm'));
  });

  it('links only to files that exist', () => {
    const links = [...readme.matchAll(/\]\(((?!https?:)[^)#]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) expect(() => readFileSync(join(REPO_ROOT, link.endsWith('/') ? `${link}README.md` : link)), link).not.toThrow();
  });
});
