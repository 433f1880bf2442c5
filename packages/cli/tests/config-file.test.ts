/**
 * leakguard.yaml through the CLI: every mistake is exit 2 with the file and key named; rules
 * on/off and severities, exclude, allow (secret or its line), custom rules and a default baseline
 * apply to `scan`, `scan --staged` and `history` alike.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../src/index.js';

const DEMO_RULE = `customRules:
  - id: secret/demo-token
    title: Demo token
    description: A made-up token format.
    severity: high
    keywords: ["demo_"]
    pattern: "\\\\b(demo_[A-Za-z0-9]{24})\\\\b"
`;
const TOKEN = 'demo_Q7wErTy8UiOp3AsDfGh5JkLz';
const OTHER = 'demo_Zx9CvBn2MqWe4RtYu6IoPa8S';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lg-config-'));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
  return dir;
}

function sink() {
  let text = '';
  return { stream: { isTTY: false, write: (chunk: string, cb?: (e?: Error) => void) => ((text += chunk), cb?.(), true) } as unknown as NodeJS.WriteStream, text: () => text };
}

async function run(dir: string, args: string[]) {
  const out = sink();
  const err = sink();
  const io: Io = { cwd: dir, stdout: out.stream, stderr: err.stream };
  const status = await main(args, io);
  return { status, stdout: out.text(), stderr: err.text() };
}

async function findings(dir: string, args: string[] = ['scan', '.']) {
  const r = await run(dir, [...args, '--format', 'json', '--fail-on', 'none', '--quiet']);
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { findings: { ruleId: string; level: string; location: { path: string } }[] }).findings;
}

describe('leakguard.yaml mistakes are exit 2 with the key named', () => {
  it.each([
    ['not YAML', 'rules: [unclosed', /leakguard\.yaml:\d+:\d+: not valid YAML/],
    ['an unknown key', 'exclude: []\nexcludes: [a]', /unknown key "excludes"/],
    ['a bad rule setting', 'rules:\n  secret/demo-token: loud', /rules\.secret\/demo-token must be one of off, error, warning, note .*not "loud"/],
    ['an unknown family', 'rules:\n  secrets/*: off', /unknown rule family "secrets"/],
    ['not a rule id', 'rules:\n  AWS: off', /rules\.AWS: not a rule id/],
    ['a rule that does not exist (typo)', 'rules:\n  secret/demo-tokn: off', /rules\.secret\/demo-tokn: no such rule \(did you mean secret\/demo-token\?\)/],
    ['exclude not a list', 'exclude: src/', /"exclude" must be a list of non-empty strings/],
    ['an allow pattern that does not compile', 'allow: ["(unclosed"]', /allow pattern "\(unclosed" does not compile/],
    ['a custom rule without keywords', '  - id: secret/x\n    title: X\n    description: d\n    severity: high\n    pattern: "x_[a-z]+"', /rule secret\/x: "keywords" must be a non-empty list/],
    ['a baseline that is not a path', 'baseline: 3', /"baseline" must be the path of a baseline file/],
  ])('%s', async (_, yaml, message) => {
    const dir = project({ 'leakguard.yaml': `${DEMO_RULE}${yaml}\n`, 'a.txt': 'x\n' });
    const r = await run(dir, ['scan', '.']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^leakguard: configuration error: .*leakguard\.yaml/);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('a --config file that does not exist', async () => {
    const dir = project({ 'a.txt': 'x\n' });
    const r = await run(dir, ['scan', '.', '--config', 'nope.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nope\.yaml: cannot read the config file \(ENOENT\)/);
  });
});

describe('leakguard.yaml settings', () => {
  it.each([
    ['default level of a high-severity rule', '', ['error']],
    ['off', 'rules:\n  secret/demo-token: off', []],
    ['false', 'rules:\n  secret/demo-token: false', []],
    ['true keeps the default', 'rules:\n  secret/demo-token: true', ['error']],
    ['a level', 'rules:\n  secret/demo-token: note', ['note']],
    ['a severity (medium: warning)', 'rules:\n  secret/demo-token: medium', ['warning']],
    ['a family', 'rules:\n  secret/*: warning', ['warning']],
    ['the rule beats its family', 'rules:\n  secret/*: off\n  secret/demo-token: note', ['note']],
  ])('rules: %s', async (_, yaml, levels) => {
    const dir = project({ 'leakguard.yaml': `${DEMO_RULE}${yaml}\n`, 'a.env': `T=${TOKEN}\n` });
    expect((await findings(dir)).map((f) => f.level)).toEqual(levels);
  });

  it.each([
    ['the secret matches', `allow: ["^demo_Q7"]`, ['b.env']],
    ['the line matches', `allow: ["fixture-only"]`, ['b.env']],
    ['nothing matches', `allow: ["^nothing$"]`, ['a.env', 'b.env']],
  ])('allow: %s', async (_, yaml, paths) => {
    const dir = project({ 'leakguard.yaml': `${DEMO_RULE}${yaml}\n`, 'a.env': `T=${TOKEN} # fixture-only\n`, 'b.env': `T=${OTHER}\n` });
    expect((await findings(dir)).map((f) => f.location.path)).toEqual(paths);
  });

  it('exclude applies to scan, scan --staged and history', async () => {
    const dir = project({ 'leakguard.yaml': `${DEMO_RULE}exclude: ["fixtures/"]\n`, 'fixtures/a.env': `T=${TOKEN}\n`, 'src/b.env': `T=${OTHER}\n` });
    const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, env: { ...process.env, GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@x', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@x' } });
    git('init', '-q');
    git('add', '-A');
    for (const args of [['scan', '.'], ['scan', '--staged']]) expect((await findings(dir, args)).map((f) => f.location.path)).toEqual(['src/b.env']);
    git('commit', '-qm', 'x');
    expect((await findings(dir, ['history', '.'])).map((f) => f.location.path)).toEqual(['src/b.env']);
  });

  it('baseline: the config names a default baseline file (relative to the config)', async () => {
    const dir = project({ 'leakguard.yaml': `${DEMO_RULE}baseline: .leakguard/baseline.json\n`, 'a.env': `T=${TOKEN}\n` });
    mkdirSync(join(dir, '.leakguard'));
    // Writing ignores the (not yet existing) default baseline.
    const write = await run(dir, ['scan', '.', '--write-baseline', '.leakguard/baseline.json']);
    expect(write.status).toBe(0);
    expect((await run(dir, ['scan', '.'])).status).toBe(0);
    writeFileSync(join(dir, 'b.env'), `T=${OTHER}\n`);
    expect((await findings(dir)).map((f) => f.location.path)).toEqual(['b.env']);
  });

  it('baseline: a configured baseline that is missing is exit 2', async () => {
    const dir = project({ 'leakguard.yaml': `${DEMO_RULE}baseline: missing.json\n`, 'a.env': 'x\n' });
    const r = await run(dir, ['scan', '.']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/baseline error: .*missing\.json: cannot read the baseline/);
  });
});
