/** Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage, configuration or (--strict) input errors. */
import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from './support/cli.js';
import { PEM_KEY } from './support/planted.js';

const clean = () => makeProject({ 'src/app.ts': 'export const table = process.env.TABLE_NAME;\n' });
const dirty = () => makeProject({ 'keys/deploy.pem': PEM_KEY });

describe('exit codes', () => {
  it.each<[string, number, () => string, string[]]>([
    ['clean project', 0, clean, ['scan']],
    ['clean project, explicit path', 0, clean, ['scan', 'src']],
    ['a private key', 1, dirty, ['scan']],
    ['a private key with --fail-on none', 0, dirty, ['scan', '--fail-on', 'none']],
    ['a private key (error) with --fail-on error', 1, dirty, ['scan', '--fail-on', 'error']],
    ['a finding turned to a note by config, --fail-on warning', 0, () => makeProject({ 'k.pem': PEM_KEY, 'leakguard.yaml': 'rules:\n  secret/private-key-rsa: note\n' }), ['scan']],
    ['the same with --fail-on note', 1, () => makeProject({ 'k.pem': PEM_KEY, 'leakguard.yaml': 'rules:\n  secret/private-key-rsa: note\n' }), ['scan', '--fail-on', 'note']],
    ['the rule turned off by config', 0, () => makeProject({ 'k.pem': PEM_KEY, 'leakguard.yaml': 'rules:\n  secret/*: off\n' }), ['scan']],
    ['a file excluded by config', 0, () => makeProject({ 'fixtures/k.pem': PEM_KEY, 'leakguard.yaml': 'exclude:\n  - fixtures/\n' }), ['scan']],
    ['a file ignored by .gitignore', 0, () => makeProject({ 'out/k.pem': PEM_KEY, '.gitignore': 'out/\n' }), ['scan']],
    ['a key inside node_modules', 0, () => makeProject({ 'node_modules/x/k.pem': PEM_KEY }), ['scan']],
    ['a missing path', 0, clean, ['scan', 'nope']],
    ['a missing path with --strict', 2, clean, ['scan', 'nope', '--strict']],
    ['--version', 0, clean, ['--version']],
    ['--help', 0, clean, ['--help']],
    ['no command', 2, clean, []],
    ['an unknown command', 2, clean, ['scna']],
    ['an unknown option', 2, clean, ['scan', '--frmat', 'json']],
    ['a bad --format', 2, clean, ['scan', '--format', 'xml']],
    ['a bad --fail-on', 2, clean, ['scan', '--fail-on', 'critical']],
    ['a bad --jobs', 2, clean, ['scan', '--jobs', '0']],
    ['a config that is not YAML', 2, () => makeProject({ 'leakguard.yaml': 'rules: [unclosed\n' }), ['scan']],
    ['a config with an unknown key', 2, () => makeProject({ 'leakguard.yaml': 'rulez: {}\n' }), ['scan']],
    ['a config with a bad rule setting', 2, () => makeProject({ 'leakguard.yaml': 'rules:\n  secret/x: loud\n' }), ['scan']],
    ['a missing --config file', 2, clean, ['scan', '--config', 'nope.yaml']],
    [
      'a custom rule RE2 cannot compile',
      2,
      () => makeProject({ 'leakguard.yaml': 'customRules:\n  - id: secret/acme\n    title: Acme\n    description: Acme token\n    severity: high\n    keywords: [acme]\n    pattern: "acme_(?<=x)[a-z]+"\n' }),
      ['scan'],
    ],
  ])('%s exits %i', (_name, expected, make, args) => {
    const run = runCli(args, { cwd: make() });
    expect(run.status, run.stdout + run.stderr).toBe(expected);
  });

  it('explains usage errors and configuration errors on stderr', () => {
    const usage = runCli(['scan', '--format', 'xml'], { cwd: clean() });
    expect(usage.stderr).toContain('--format must be text, json or sarif');
    expect(usage.stderr).toContain('Usage: leakguard');
    const config = runCli(['scan'], { cwd: makeProject({ 'leakguard.yaml': 'rules:\n  secret/x: loud\n' }) });
    expect(config.stderr).toMatch(/configuration error: .*leakguard\.yaml: rules\.secret\/x must be one of off, error, warning, note/);
  });

  it('reports a missing path as a notification and goes on scanning the rest', () => {
    const root = makeProject({ 'k.pem': PEM_KEY });
    const run = runCli(['scan', 'nope', 'k.pem', '--format', 'json'], { cwd: root });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: unknown[]; notifications: { kind: string; path: string; message: string }[] };
    expect(report.findings).toHaveLength(1);
    expect(report.notifications).toEqual([{ kind: 'read-error', level: 'error', message: 'no such file or folder', path: 'nope' }]);
  });
});
