/**
 * What a release needs, checked on every run (docs/release.md): publishable manifests, one version
 * everywhere a user pins one (packages, the action's default, the pre-commit hook's dependency, the
 * README's rev), and an action whose shell steps see inputs only through `env:`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/cli.js';
import { readAction } from './install/support/action-steps.js';

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  repository?: { type: string; url: string; directory: string };
  engines?: { node?: string };
  files?: string[];
  bin?: Record<string, string>;
  scripts?: Record<string, string>;
  publishConfig?: { access?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const read = <T>(path: string): T => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as T;

const PUBLIC: [dir: string, name: string, built: boolean][] = [
  ['packages/cli', 'leakguard', true],
  ['packages/eslint-plugin', 'eslint-plugin-leakguard', true],
  ['packages/core', '@leakguard/core', true],
  ['rules', '@leakguard/rules', false],
  ['scanners/terraform', '@leakguard/scanner-terraform', true],
  ['scanners/cloudformation', '@leakguard/scanner-cloudformation', true],
  ['scanners/serverless', '@leakguard/scanner-serverless', true],
  ['scanners/git', '@leakguard/scanner-git', true],
  ['scanners/azure', '@leakguard/scanner-azure', true],
  ['scanners/github-actions', '@leakguard/scanner-github-actions', true],
  ['scanners/docker', '@leakguard/scanner-docker', true],
];
const VERSION = read<Manifest>('packages/cli/package.json').version;

describe('publishable packages', () => {
  it.each(PUBLIC)('%s is %s, public, licensed, and cannot be packed without dist/', (dir, name, built) => {
    const m = read<Manifest>(`${dir}/package.json`);
    expect(m.name).toBe(name);
    expect(m.private).toBeUndefined();
    expect(m.version).toBe(VERSION);
    expect(m.license).toBe('MIT');
    expect(m.repository).toEqual({ type: 'git', url: 'git+https://github.com/leakguard/leakguard.git', directory: dir });
    expect(m.engines?.node).toBe('>=20.19');
    expect(m.publishConfig?.access).toBe('public');
    if (built) {
      expect(m.files).toContain('dist');
      expect(m.scripts?.prepack, 'a prepack build, so no tarball ships without dist/').toBe('tsc -b');
    }
    // Every dependency on a sibling is the workspace's own, which publish rewrites to the version.
    for (const [dep, range] of Object.entries(m.dependencies ?? {})) {
      if (PUBLIC.some(([, n]) => n === dep)) expect(range, `${name} -> ${dep}`).toBe('workspace:*');
    }
  });

  it('the CLI has its bin, and re2 is optional so an install without a C++ toolchain succeeds', () => {
    expect(read<Manifest>('packages/cli/package.json').bin).toEqual({ leakguard: './dist/bin.js' });
    expect(readFileSync(join(REPO_ROOT, 'packages/cli/src/bin.ts'), 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    const core = read<Manifest>('packages/core/package.json');
    expect(core.dependencies?.re2).toBeUndefined();
    expect(core.optionalDependencies?.re2).toBeDefined();
  });

  it('the plugin README has no relative link (npm shows it where relative links lead nowhere)', () => {
    const readme = readFileSync(join(REPO_ROOT, 'packages/eslint-plugin/README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(link, link).toMatch(/^(https:\/\/|#)/);
  });
});

describe('one version everywhere a user pins one', () => {
  it("the action's default, the pre-commit hooks' dependency and the README's rev are the packages' version", () => {
    expect(readAction().inputs.version!.default).toBe(VERSION);
    const hooks = parse(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; language: string; additional_dependencies?: string[] }[];
    const nodeHooks = hooks.filter((h) => h.language === 'node');
    expect(nodeHooks.map((h) => h.id)).toEqual(['leakguard', 'leakguard-files']);
    for (const h of nodeHooks) expect(h.additional_dependencies).toEqual([`leakguard@${VERSION}`]);
    expect(hooks.find((h) => h.id === 'leakguard-system')?.language).toBe('system');
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`rev: v${VERSION}`);
  });

  it('the root installs under npm without building, and packs only the hook manifest (pre-commit runs npm install and npm pack there)', () => {
    const root = read<Manifest>('package.json');
    expect(root.version).toBe(VERSION);
    expect(root.scripts?.prepare).toBeUndefined();
    expect(root.scripts?.prepack).toBeUndefined();
    expect(root.scripts?.postpack).toBeUndefined();
    expect(root.files).toContain('.pre-commit-hooks.yaml');
  });
});

describe('action.yml', () => {
  it('passes inputs to shell steps only through env: (never ${{ }} inside run:)', () => {
    const steps = readAction().runs.steps;
    const shell = steps.filter((s) => s.run);
    expect(shell.length).toBeGreaterThan(1);
    for (const step of shell) expect(step.run, step.name).not.toContain('${{');
  });

  it('installs the published CLI and builds nothing', () => {
    const text = readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8');
    expect(text).not.toMatch(/corepack|pnpm|tsc -b|packages\/cli\/dist/);
    expect(text).toContain('npm install --prefix "$LG_PREFIX"');
    expect(readAction().runs.steps.some((s) => s.uses?.startsWith('actions/cache@'))).toBe(true);
  });
});
