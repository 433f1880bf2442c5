/**
 * Baselines: `--write-baseline FILE` records today's findings, `--baseline FILE` hides them. The key
 * is (rule, secret hash or subject, path): edits that move a secret to another line keep it hidden,
 * a new secret or the same secret in another file is reported. No secret, nor its hash, is in the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { DEMO_CONFIG, demoToken, linesWith, TestRepo } from './support/git-repo.js';
import { secretHash } from '@leakguard/core';

const known = demoToken('accepted-risk');
const fresh = demoToken('new-leak');

function scan(dir: string, args: string[]) {
  return runCli(['scan', '.', '--config', join(dir, 'leakguard.yaml'), '--format', 'json', ...args], { cwd: dir });
}
const paths = (stdout: string) => (JSON.parse(stdout) as { findings: { location: { path: string } }[] }).findings.map((f) => f.location.path);

describe('baseline', () => {
  let repo: TestRepo;
  let baseline: string;
  beforeEach(() => {
    repo = TestRepo.init();
    repo.write('leakguard.yaml', DEMO_CONFIG);
    repo.write('src/app.js', linesWith(5, 2, `const key = "${known}";`));
    baseline = join(repo.dir, '.leakguard-baseline.json');
    const written = scan(repo.dir, ['--write-baseline', baseline]);
    expect(written.status).toBe(0);
    expect(written.stderr).toMatch(/wrote 1 findings to the baseline/);
  });

  it('holds rule, path and fingerprint only, and the salt of its keyed hashes: no secret, no secret hash', () => {
    const text = readFileSync(baseline, 'utf8');
    expect(text).not.toContain(known);
    expect(text).not.toContain(secretHash(known));
    const doc = JSON.parse(text);
    expect(doc.leakguardBaseline).toBe(2);
    expect(doc.hashSalt).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.entries).toEqual([{ ruleId: 'secret/demo-token', path: 'src/app.js', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
  });

  it.each([
    ['nothing changed', () => {}, [], 0],
    ['lines inserted above the secret (it moves from line 2 to line 5)', (r: TestRepo) => r.write('src/app.js', 'a\nb\nc\n' + linesWith(5, 2, `const key = "${known}";`)), [], 0],
    ['the same secret on another line of the same file', (r: TestRepo) => r.write('src/app.js', linesWith(9, 8, `const key = "${known}";`)), [], 0],
    ['a new secret in the same file', (r: TestRepo) => r.write('src/app.js', linesWith(5, 2, `const key = "${known}";`) + `const k2 = "${fresh}";\n`), ['src/app.js'], 1],
    ['the known secret copied into another file', (r: TestRepo) => r.write('lib/copy.js', `x = "${known}"\n`), ['lib/copy.js'], 1],
    ['the file renamed (the path is part of the key)', (r: TestRepo) => { r.remove('src/app.js'); r.write('src/main.js', linesWith(5, 2, `const key = "${known}";`)); }, ['src/main.js'], 1],
  ])('%s', (_, change, reported, status) => {
    change(repo);
    const run = scan(repo.dir, ['--baseline', baseline]);
    expect(run.status).toBe(status);
    expect(paths(run.stdout)).toEqual(reported);
  });

  it.each([
    ['a missing file', (f: string) => f + '.missing', /baseline error: .*cannot read the baseline \(ENOENT\)/],
    ['not JSON', (f: string) => (writeFileSync(f, 'fingerprints: yes'), f), /not a leakguard baseline \(not valid JSON\)/],
    ['JSON of another shape', (f: string) => (writeFileSync(f, '{"results": []}'), f), /expected "leakguardBaseline" and "entries"/],
    ['a bad fingerprint', (f: string) => (writeFileSync(f, `{"leakguardBaseline":2,"hashSalt":"${'0'.repeat(64)}","entries":[{"fingerprint":"abc"}]}`), f), /entries\[0\] needs a "fingerprint" of 32 hex digits/],
    ['no salt', (f: string) => (writeFileSync(f, '{"leakguardBaseline":2,"entries":[]}'), f), /"hashSalt" must be 64 hex digits/],
    ['a version 1 baseline (unkeyed hashes)', (f: string) => (writeFileSync(f, '{"leakguardBaseline":1,"entries":[]}'), f), /a version 1 baseline: .*write it again with --write-baseline/],
    ['a future version', (f: string) => (writeFileSync(f, '{"leakguardBaseline":3,"entries":[]}'), f), /baseline version 3 is not supported/],
  ])('%s is exit 2 with a clear message', (_, make, message) => {
    const run = scan(repo.dir, ['--baseline', make(baseline)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('works for history too, and a history baseline survives a rebase', () => {
    repo.commit('add app');
    const hb = join(repo.dir, 'history-baseline.json');
    const h = (args: string[], dir = repo.dir) => runCli(['history', '.', '--config', join(repo.dir, 'leakguard.yaml'), '--format', 'json', ...args], { cwd: dir });
    expect(h(['--write-baseline', hb]).status).toBe(0);
    expect(h(['--baseline', hb]).status).toBe(0);
    // Reword the commit (new sha): the baseline still applies.
    repo.git('commit', '-q', '--amend', '-m', 'reworded');
    expect(h(['--baseline', hb]).status).toBe(0);
    repo.commit('leak', { 'later.env': `TOKEN=${fresh}\n` });
    const run = h(['--baseline', hb]);
    expect(run.status).toBe(1);
    expect(paths(run.stdout)).toEqual(['later.env']);
  });
});
