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

  it('gives the two commands with exactly the packageManager pnpm, and CI runs the test command', () => {
    // This registry serves no signatures, so pnpm refuses to switch from the version npx resolved to
    // the pin: README, .ci/run and packageManager must name the same version.
    const pin = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { packageManager: string }).packageManager;
    expect(pin).toMatch(/^pnpm@\d+\.\d+\.\d+$/);
    const scan = `npx ${pin} install && npx ${pin} leakguard scan examples/serverless-app`;
    const test = `npx ${pin} install --frozen-lockfile && npx ${pin} test`;
    expect(readme).toContain(scan);
    expect(readme).toContain(test);
    const ci = readFileSync(join(REPO_ROOT, '.ci/run'), 'utf8');
    expect(ci).toContain(test.replaceAll('npx pnpm', 'npx --yes pnpm'));
    for (const text of [readme, ci]) {
      for (const m of text.matchAll(/pnpm@[\d.]+/g)) expect(m[0], 'every pnpm@ version named').toBe(pin);
    }
  });

  it('links only to files that exist', () => {
    const links = [...readme.matchAll(/\]\(((?!https?:)[^)#]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) expect(() => readFileSync(join(REPO_ROOT, link.endsWith('/') ? `${link}README.md` : link)), link).not.toThrow();
  });
});
