/**
 * No output path carries a planted secret in clear: not text, JSON, SARIF (snippets included),
 * report files, stderr, nor the files of a result cache (`--cache`).
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretHash } from '@leakguard/core';
import { makeProject, runCli } from './support/cli.js';
import { PEM_KEY, PLANTED } from './support/planted.js';
import { TestRepo } from './support/git-repo.js';

/** Every file under `dir`, read as bytes (latin1 keeps any byte comparable). */
function everyFile(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? everyFile(path) : [readFileSync(path, 'latin1')];
  });
}

const project = () =>
  makeProject({
    'src/config.ts': [
      `export const aws = { accessKeyId: '${PLANTED.awsAccessKeyId}', secretAccessKey: '${PLANTED.awsSecretKey}' };`,
      `const stripe = '${PLANTED.stripe}'; const slack = "${PLANTED.slack}";`,
      `const password = "${PLANTED.password}";`,
    ].join('\n'),
    'deploy/id_rsa': PEM_KEY,
    'inline.js': `const key = ${JSON.stringify(PEM_KEY)}; const again = '${PLANTED.stripe}';`,
    'serverless.yml': `provider:\n  environment:\n    DB_PASSWORD: "${PLANTED.password}"\n    AWS_SECRET_ACCESS_KEY: ${PLANTED.awsSecretKey}\n`,
    // The other platforms' scanners: their judges carry the secret to buildFindings like the IaC ones.
    'infra/main.bicep': `@secure()\nparam stripeKey string = '${PLANTED.stripe}'\nresource f 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'f'\n  properties: {\n    siteConfig: {\n      appSettings: [\n        { name: 'DB_PASSWORD', value: '${PLANTED.password}' }\n      ]\n    }\n  }\n}\n`,
    'api/local.settings.json': JSON.stringify({ IsEncrypted: false, Values: { SLACK_BOT_TOKEN: PLANTED.slack } }, null, 2),
    '.github/workflows/ci.yml': `on: push\nenv:\n  DB_PASSWORD: "${PLANTED.password}"\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "\${{ secrets.NPM_TOKEN }}"\n`,
    Dockerfile: `FROM node:20\nARG DB_PASSWORD=${PLANTED.password}\nENV STRIPE_SECRET_KEY=${PLANTED.stripe}\n`,
  });

const secrets = Object.entries(PLANTED);

describe('output safety', () => {
  it.each(['text', 'json', 'sarif'])('the %s report and stderr hold no planted secret', (format) => {
    const root = project();
    for (const args of [[], ['--verbose'], ['--output', `report.${format}`]]) {
      const run = runCli(['scan', '.', '--format', format, ...args], { cwd: root });
      expect(run.status, run.stderr).toBe(1);
      const written = args[0] === '--output' ? readFileSync(join(root, `report.${format}`), 'utf8') : '';
      const everything = run.stdout + run.stderr + written;
      expect(everything.length).toBeGreaterThan(0);
      for (const [name, secret] of secrets) expect(everything, `${name} leaked`).not.toContain(secret);
      expect(everything).not.toContain(PEM_KEY.split('\n')[1]);
    }
  });

  it('finds every planted secret (so the checks above are not vacuous)', () => {
    const run = runCli(['scan', '.', '--format', 'json'], { cwd: project() });
    const report = JSON.parse(run.stdout) as { findings: { secret?: { hash: string } }[] };
    const found = new Set(report.findings.map((f) => f.secret?.hash));
    const missed = secrets.filter(([name, secret]) => name !== 'pemBody' && !found.has(secretHash(secret))).map(([name]) => name);
    expect(missed).toEqual([]);
  });

  it('the other platforms report their planted secrets too (so the files above are judged)', () => {
    const run = runCli(['scan', '.', '--format', 'json'], { cwd: project() });
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; location: { path: string }; properties?: { alsoReportedAs?: string } }[] };
    // One secret, one alert: a judge's view merged into a catalog finding is named in alsoReportedAs.
    const views = (f: (typeof report.findings)[number]) => [f.ruleId, ...(f.properties?.alsoReportedAs?.split(', ') ?? [])];
    const got = new Set(report.findings.flatMap((f) => views(f).map((id) => `${f.location.path} ${id}`)));
    for (const want of [
      'infra/main.bicep env/secret-literal',
      'api/local.settings.json env/secret-literal',
      '.github/workflows/ci.yml ci/plaintext-secret',
      '.github/workflows/ci.yml ci/secret-printed',
      'Dockerfile container/secret-build-arg',
      'Dockerfile container/secret-in-env',
    ]) expect(got, want).toContain(want);
  });

  it('finds the planted private keys', () => {
    const run = runCli(['scan', '.', '--format', 'json'], { cwd: project() });
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; location: { path: string }; secret?: { redacted: string } }[] };
    const keys = report.findings.filter((f) => f.ruleId === 'secret/private-key-rsa');
    expect(keys.map((f) => f.location.path).sort()).toEqual(['deploy/id_rsa', 'inline.js']);
    for (const f of keys) expect(f.secret?.redacted).toBe('----*****');
  });

  it('the cache of scan, history and --staged holds no planted secret, not even one in a file name', () => {
    const root = project();
    // A secret as a file name: its findings quote it, so they are not cached at all.
    const named = `${PLANTED.stripe}`;
    const repo = new TestRepo(root);
    repo.git('init', '-q', '-b', 'main');
    repo.write(`keys/${named}.txt`, 'nothing inside\n');
    repo.git('-c', 'user.name=A', '-c', 'user.email=a@b', 'add', '-A');
    repo.git('-c', 'user.name=A', '-c', 'user.email=a@b', 'commit', '-q', '-m', 'all');
    repo.write('staged.js', `const s = '${PLANTED.slack}'; const p = "${PLANTED.password}";\n`);
    repo.git('add', 'staged.js');
    const cache = mkdtempSync(join(tmpdir(), 'leakguard-cache-'));
    for (const args of [['scan', '.'], ['scan', '.', '-j', '2'], ['history', '.'], ['scan', '--staged']]) {
      for (let i = 0; i < 2; i++) {
        const run = runCli([...args, '--format', 'json', '--cache', cache], { cwd: root, env: { LEAKGUARD_POOL_AFTER_BYTES: '0' } });
        expect(run.status, run.stderr).toBe(1);
        const report = JSON.parse(run.stdout) as { findings: unknown[]; notifications: { message: string }[] };
        expect(report.findings.length).toBeGreaterThan(args[1] === '--staged' ? 0 : 3);
        expect(report.notifications.filter((n) => n.message.startsWith('cache: '))).toEqual([]);
      }
    }
    const files = everyFile(cache);
    expect(files.length, 'scan, history and its commits: one namespace each (staged shares history\'s)').toBeGreaterThanOrEqual(3);
    const all = files.join('\n');
    expect(all).toContain('"secret":{"hash"'); // findings are cached, in their safe form
    for (const [name, secret] of secrets) expect(all, `${name} in the cache`).not.toContain(secret);
    for (const line of PEM_KEY.split('\n').slice(1, -1)) expect(all).not.toContain(line);
  });
});
