/**
 * eslint-plugin-leakguard in the editor: the ESLint language server VS Code uses
 * (vscode-eslint-language-server, driven over stdio by test/support/eslint-lsp.ts) lints a
 * project that installs this workspace's built ESLint and plugin (run `npx tsc -b` first), with the
 * re2 engine and with the JavaScript RegExp fallback. One server per engine, closed after.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/cli.js';
import { PLANTED } from './support/planted.js';
import { EslintLsp, diagnosticLines, type LspDiagnostic } from './support/eslint-lsp.js';

const PLUGIN = join(REPO_ROOT, 'packages/eslint-plugin');
const ESLINT = join(REPO_ROOT, 'test/node_modules/eslint');

/** `// expect: rule, rule` names the rules reported on the next line (as in test/fixtures/eslint-project). */
function expected(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /\/\/ expect: (.*)$/.exec(line);
    if (m) for (const rule of m[1]!.split(',')) out.push(`${i + 2}:${rule.trim()}`);
  });
  return out.sort();
}

// A Lambda handler that logs a secret fetched from Secrets Manager, with a hard-coded Stripe key
// (made at run time). The fetch is at module level, so no-uncached-secret-fetch stays quiet.
const LEAKY = `import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';

const client = new SecretsManagerClient({});
const db = await client.send(new GetSecretValueCommand({ SecretId: process.env.DB_SECRET_ARN }));
// expect: leakguard/no-hardcoded-secrets
const stripe = '${PLANTED.stripe}';

export async function handler(event) {
  // expect: leakguard/no-secret-logging
  console.log('db credentials', db.SecretString);
  return { statusCode: 200, body: JSON.stringify({ id: event.id, charged: Boolean(stripe) }) };
}
`;

// The same handler done right: the secret is used, its length is logged, the key comes from the store.
const CLEAN = `import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';

const client = new SecretsManagerClient({});
const db = await client.send(new GetSecretValueCommand({ SecretId: process.env.DB_SECRET_ARN }));

export async function handler(event) {
  console.log('db secret length', db.SecretString.length);
  return { statusCode: 200, body: JSON.stringify({ id: event.id }) };
}
`;

let project: string;

beforeAll(() => {
  if (!existsSync(join(PLUGIN, 'dist/index.js'))) throw new Error(`${PLUGIN}/dist is missing: run "npx tsc -b" first`);
  // A user's project: its own node_modules with eslint and the plugin, a flat config, no tie to this workspace.
  project = mkdtempSync(join(tmpdir(), 'leakguard-lsp-'));
  mkdirSync(join(project, 'node_modules'));
  mkdirSync(join(project, 'src'));
  symlinkSync(ESLINT, join(project, 'node_modules/eslint'), 'dir');
  symlinkSync(PLUGIN, join(project, 'node_modules/eslint-plugin-leakguard'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'lsp-user-project', private: true, type: 'module' }));
  writeFileSync(
    join(project, 'eslint.config.mjs'),
    "import leakguard from 'eslint-plugin-leakguard';\n\nexport default [leakguard.configs.recommended];\n",
  );
  writeFileSync(join(project, 'src/handler.js'), LEAKY);
  writeFileSync(join(project, 'src/clean.js'), CLEAN);
});

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe.each([
  ['the default regex engine (re2)', {}],
  ['the JavaScript RegExp fallback', { LEAKGUARD_REGEX_ENGINE: 'js' }],
])('vscode-eslint-language-server with %s', (_engine, env: Record<string, string>) => {
  let leaky: LspDiagnostic[];
  let clean: LspDiagnostic[];

  beforeAll(async () => {
    const lsp = await EslintLsp.start({ cwd: project, env });
    try {
      leaky = await lsp.diagnostics(join(project, 'src/handler.js'), LEAKY);
      clean = await lsp.diagnostics(join(project, 'src/clean.js'), CLEAN);
    } finally {
      await lsp.close();
    }
  });

  it('reports the logged secret and the hard-coded key on their lines, and nothing else', () => {
    expect(diagnosticLines(leaky)).toEqual(expected(LEAKY));
    expect(diagnosticLines(leaky)).toEqual(['10:leakguard/no-secret-logging', '6:leakguard/no-hardcoded-secrets']);
  });

  it('reports them as ESLint errors (recommended), with messages that hold no secret', () => {
    expect(leaky).toHaveLength(2);
    for (const d of leaky) {
      expect(d.source).toBe('eslint');
      expect(d.severity).toBe(1);
      expect(d.message).not.toContain(PLANTED.stripe);
      expect(d.message).not.toContain(PLANTED.stripe.slice(8, 20));
    }
  });

  it('reports nothing on the clean handler', () => {
    expect(clean).toEqual([]);
  });
});
