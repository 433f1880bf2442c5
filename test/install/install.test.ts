/**
 * The packages as users get them: every package published to a real npm registry on 127.0.0.1
 * (verdaccio) with the documented release step, then used from fresh projects that know nothing of
 * this workspace: the CLI, ESLint in CommonJS and ESM projects, pre-commit with the README's config,
 * the GitHub Action's own steps, and an install where re2 cannot be built.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';
import { PLANTED } from '../support/planted.js';
import { githubProblems, schemaErrors } from '../support/sarif.js';
import { leaks } from '../hostile/support/bounded-run.js';
import { NpmProject, userEnv, type Run } from './support/npm-project.js';
import { startRe2Mirror, type Re2Mirror } from './support/re2-mirror.js';
import { LocalRegistry } from './support/registry.js';
import { readmeBlock, readmeInstall } from './support/readme-snippets.js';
import { runActionSteps } from './support/action-steps.js';
import { diagnosticLines, EslintLsp } from '../support/eslint-lsp.js';

const ROOT_PKG = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { packageManager: string };
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;
const PUBLIC_PACKAGES = [
  'leakguard',
  'eslint-plugin-leakguard',
  '@leakguard/core',
  '@leakguard/rules',
  '@leakguard/scanner-terraform',
  '@leakguard/scanner-cloudformation',
  '@leakguard/scanner-serverless',
  '@leakguard/scanner-git',
  '@leakguard/scanner-azure',
  '@leakguard/scanner-github-actions',
  '@leakguard/scanner-docker',
];

let registry: LocalRegistry;
let mirror: Re2Mirror | undefined;
let npmCache: string;
const timings: Record<string, number> = {};

function timed<T>(name: string, work: () => T): T {
  const start = Date.now();
  try {
    return work();
  } finally {
    timings[name] = Date.now() - start;
  }
}

/** A user's environment against the test registry (and the re2 mirror, as if GitHub were reachable). */
function env(extra: Record<string, string | undefined> = {}): Record<string, string> {
  return userEnv({
    npm_config_registry: registry.url,
    npm_config_cache: npmCache,
    npm_config_userconfig: join(npmCache, 'no-npmrc'),
    RE2_DOWNLOAD_MIRROR: mirror?.url,
    ...extra,
  });
}

const output = (r: Run) => `${r.stdout}\n${r.stderr}`;

/** A handler that logs a secret it fetched and hard-codes a live Stripe key (built at run time). */
function handlerSource(kind: 'esm' | 'cjs'): string {
  const imp =
    kind === 'esm'
      ? "import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';"
      : "const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');";
  return [
    imp,
    'const client = new SecretsManagerClient({});',
    `const stripeKey = '${PLANTED.stripe}';`,
    'async function handler(event) {',
    '  const res = await client.send(new GetSecretValueCommand({ SecretId: process.env.DB_SECRET_ARN }));',
    '  console.log(res.SecretString);',
    '  return { statusCode: 200, body: stripeKey.length };',
    '}',
    kind === 'esm' ? 'export { handler };' : 'module.exports = { handler };',
    '',
  ].join('\n');
}

beforeAll(async () => {
  npmCache = mkdtempSync(join(tmpdir(), 'leakguard-npm-cache-'));
  writeFileSync(join(npmCache, 'no-npmrc'), '');
  registry = await LocalRegistry.start();
  mirror = await startRe2Mirror();
  // The documented release step (docs/release.md), against the test registry.
  const publish = timed('publish', () =>
    spawnSync('npx', ['--yes', ROOT_PKG.packageManager, '-r', 'publish', '--registry', registry.url, '--no-git-checks'], {
      cwd: REPO_ROOT,
      env: { ...process.env, npm_config_userconfig: registry.userconfig },
      encoding: 'utf8',
      timeout: 600_000,
    }),
  );
  if (publish.status !== 0) throw new Error(`pnpm -r publish failed:\n${publish.stdout}\n${publish.stderr}\n${registry.output()}`);
});

afterAll(async () => {
  await mirror?.close();
  await registry?.stop();
  console.log(`install test timings (ms): ${JSON.stringify(timings)}`);
});

describe('the published packages', () => {
  it('are all on the registry, at one version, with workspace:* rewritten and dist/ inside', async () => {
    for (const name of PUBLIC_PACKAGES) {
      const res = await fetch(`${registry.url}${name.replace('/', '%2f')}`);
      expect(res.status, name).toBe(200);
      const doc = (await res.json()) as { versions: Record<string, { dependencies?: Record<string, string>; license?: string; dist: { tarball: string } }> };
      const v = doc.versions[VERSION];
      expect(v, `${name}@${VERSION}`).toBeDefined();
      expect(v!.license).toBe('MIT');
      for (const [dep, range] of Object.entries(v!.dependencies ?? {})) expect(range, `${name} -> ${dep}`).not.toMatch(/^workspace:/);
    }
    const cli = new NpmProject(env());
    const packed = cli.must('npm', ['pack', `leakguard@${VERSION}`, '--dry-run', '--json']);
    const files = (JSON.parse(packed.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toContain('dist/bin.js');
    expect(files).toContain('LICENSE');
  });
});

describe('npm install --save-dev leakguard, then npx leakguard scan .', () => {
  it('finds a planted secret (exit 1), with the native engine, and writes SARIF that passes the schema', () => {
    const project = new NpmProject(env());
    expect(readmeInstall('leakguard')).toEqual(['leakguard']);
    timed('cli install', () => project.must('npm', ['install', '--save-dev', 'leakguard']));
    if (mirror) expect(mirror.served(), 're2 fetched its prebuilt addon from the mirror').toBeGreaterThan(0);
    project.write({ 'src/handler.js': handlerSource('cjs') });

    const version = project.must('npx', ['leakguard', '--version']);
    expect(version.stdout.split('\n')[0]).toBe(VERSION);
    expect(version.stdout).toContain(mirror ? 'regex engine: re2' : 'regex engine:');

    const scan = project.run('npx', ['leakguard', 'scan', '.']);
    expect(scan.status, output(scan)).toBe(1);
    expect(scan.stdout).toContain('secret/stripe');
    expect(leaks({ ...scan, signal: null, timedOut: false, reports: [] }, [PLANTED.stripe])).toEqual([]);

    const sarif = project.run('npx', ['leakguard', 'scan', '.', '--format', 'sarif', '--output', 'leakguard.sarif']);
    expect(sarif.status).toBe(1);
    const log = JSON.parse(readFileSync(join(project.dir, 'leakguard.sarif'), 'utf8')) as Sarif.Log;
    expect(schemaErrors(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
    expect(log.runs[0]!.results!.map((r) => r.ruleId)).toContain('secret/stripe-live-secret-key');
  });
});

describe.each<['commonjs' | 'module']>([['commonjs'], ['module']])('ESLint with the README config in a %s project', (type) => {
  let project: NpmProject;

  beforeAll(() => {
    project = new NpmProject(env(), type);
    timed(`eslint install (${type})`, () => project.must('npm', ['install', '--save-dev', ...readmeInstall('eslint')]));
    project.write({
      'eslint.config.mjs': readmeBlock('// eslint.config.mjs'),
      'src/handler.js': handlerSource(type === 'module' ? 'esm' : 'cjs'),
      'src/util.ts': `export const token: string = '${PLANTED.stripe}';\n`,
    });
  });

  it('the eslint CLI reports the logged secret and the hard-coded key', () => {
    const lint = project.run('npx', ['eslint', '--format', 'json', 'src']);
    expect(lint.status, output(lint)).toBe(1);
    const results = JSON.parse(lint.stdout) as { filePath: string; messages: { ruleId: string; line: number; message: string }[] }[];
    const byFile = Object.fromEntries(results.map((r) => [r.filePath.slice(project.dir.length + 1), r.messages.map((m) => `${m.line}:${m.ruleId}`)]));
    expect(byFile['src/handler.js']).toEqual(expect.arrayContaining(['3:leakguard/no-hardcoded-secrets', '6:leakguard/no-secret-logging']));
    expect(byFile['src/util.ts']).toEqual(['1:leakguard/no-hardcoded-secrets']);
    // ESLint's JSON formatter carries each file's source; our messages never carry the key.
    for (const m of results.flatMap((r) => r.messages)) expect(m.message.includes(PLANTED.stripe.slice(8, 20)), m.message).toBe(false);
  });

  it.runIf(type === 'module')('the ESLint language server (VS Code\'s) reports them too, also with re2 made unloadable', async () => {
    const handler = join(project.dir, 'src/handler.js');
    const text = readFileSync(handler, 'utf8');
    const lint = async () => {
      const lsp = await EslintLsp.start({ cwd: project.dir, env: { PATH: project.env.PATH } });
      try {
        return diagnosticLines(await lsp.diagnostics(handler, text));
      } finally {
        await lsp.close();
      }
    };
    const want = ['3:leakguard/no-hardcoded-secrets', '6:leakguard/no-secret-logging'];
    expect(await lint()).toEqual(expect.arrayContaining(want));
    // An editor whose Node cannot load the addon (Electron): the plugin falls back to JS RegExp.
    const addon = join(project.dir, 'node_modules/re2/build/Release/re2.node');
    if (existsSync(addon)) renameSync(addon, `${addon}.unloadable`);
    expect(await lint()).toEqual(expect.arrayContaining(want));
  });
});

describe('an install where re2 cannot be built', () => {
  it('still installs, and scans with the JavaScript engine and says so', () => {
    // No prebuilt addon to download and no working C++ compiler: re2's install script fails.
    const project = new NpmProject(env({ RE2_DOWNLOAD_MIRROR: 'http://127.0.0.1:9', CXX: 'false', CC: 'false' }));
    const install = timed('install without re2', () => project.run('npm', ['install', '--save-dev', 'leakguard']));
    expect(install.status, output(install)).toBe(0);
    expect(existsSync(join(project.dir, 'node_modules/re2/build/Release/re2.node'))).toBe(false);
    project.write({ 'config.js': `module.exports = { key: '${PLANTED.stripe}' };\n` });
    expect(project.must('npx', ['leakguard', '--version']).stdout).toContain('regex engine: JavaScript RegExp');
    const scan = project.run('npx', ['leakguard', 'scan', '.']);
    expect(scan.status, output(scan)).toBe(1);
    expect(scan.stdout).toContain('secret/stripe');
    expect(scan.stdout).toContain('regex engine: JavaScript RegExp');
  });
});

/** A clone of this working tree (tracked and new files, as they are now), tagged as the README's rev. */
function hookRepository(rev: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'leakguard-hook-repo-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && existsSync(join(REPO_ROOT, f)));
  for (const f of files) cpSync(join(REPO_ROOT, f), join(dir, f), { recursive: false });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'leakguard');
  git('tag', rev);
  return dir;
}

describe('pre-commit with the README config', () => {
  it('refuses a commit that adds a secret, without printing it, and lets a clean commit through', () => {
    const snippet = readmeBlock('# .pre-commit-config.yaml');
    const rev = /rev: (\S+)/.exec(snippet)![1]!;
    expect(rev).toBe(`v${VERSION}`);
    const hookRepo = hookRepository(rev);
    const config = snippet.replace(/repo: \S+/, `repo: ${hookRepo}`);

    const user = new NpmProject(env({ PRE_COMMIT_HOME: mkdtempSync(join(tmpdir(), 'pre-commit-home-')) }));
    const git = (...args: string[]) => user.run('git', args);
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Ada Dev');
    git('config', 'user.email', 'ada@example.com');
    user.write({ '.pre-commit-config.yaml': config, 'README.md': '# app\n' });
    git('add', '-A');
    expect(git('commit', '-q', '--no-verify', '-m', 'set up').status).toBe(0);
    user.must('pre-commit', ['install']);
    // The hook's environment is made on first use (pre-commit installs leakguard into it): time it apart.
    const setup = timed('pre-commit hook install', () => user.run('pre-commit', ['install-hooks']));
    expect(setup.status, output(setup)).toBe(0);

    user.write({ 'src/handler.js': `const key = '${PLANTED.stripe}';\n` });
    git('add', 'src/handler.js');
    const refused = timed('pre-commit refused commit', () => git('commit', '-m', 'add handler'));
    expect(refused.status, output(refused)).not.toBe(0);
    expect(output(refused)).toContain('secret/stripe');
    expect(output(refused)).toContain('src/handler.js');
    expect(leaks({ ...refused, signal: null, timedOut: false, reports: [] }, [PLANTED.stripe])).toEqual([]);
    expect(git('log', '--oneline').stdout.trim().split('\n')).toHaveLength(1);

    user.write({ 'src/handler.js': 'const key = process.env.STRIPE_KEY_ARN;\n' });
    git('add', 'src/handler.js');
    const accepted = git('commit', '-m', 'add handler');
    expect(accepted.status, output(accepted)).toBe(0);
    expect(git('log', '--oneline').stdout.trim().split('\n')).toHaveLength(2);
  });
});

describe("the GitHub Action's steps (action.yml)", () => {
  it('install the pinned published CLI with npm, scan, write SARIF and fail on findings', () => {
    const workspace = new NpmProject(env());
    workspace.write({ 'src/handler.js': `const key = '${PLANTED.stripe}';\n` });
    const runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'));
    const run = timed('action steps', () => runActionSteps({ inputs: { command: 'scan', 'fail-on': 'error' }, cwd: workspace.dir, runnerTemp, env: workspace.env }));
    expect(run.steps.map((s) => `${s.name}: ${s.status}`)).toEqual([
      'Install leakguard: 0',
      'Run leakguard scan: 0',
      'Fail on findings: 1',
    ]);
    expect(run.outputs.install?.cli).toBe(join(runnerTemp, 'leakguard-install/node_modules/.bin/leakguard'));
    expect(run.outputs.run?.['exit-code']).toBe('1');
    const log = JSON.parse(readFileSync(join(workspace.dir, 'leakguard.sarif'), 'utf8')) as Sarif.Log;
    expect(schemaErrors(log)).toEqual([]);
    expect(log.runs[0]!.automationDetails!.id).toMatch(/^leakguard\/scan\//);

    // A second run finds the install in place (the cached path) and installs nothing.
    const again = runActionSteps({ inputs: { command: 'scan', 'fail-on': 'none' }, cwd: workspace.dir, runnerTemp, env: { ...workspace.env, npm_config_registry: 'http://127.0.0.1:9/' } });
    expect(again.steps.map((s) => `${s.name}: ${s.status}`)).toEqual(['Install leakguard: 0', 'Run leakguard scan: 0']);
  });
});
