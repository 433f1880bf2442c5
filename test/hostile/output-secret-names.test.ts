/**
 * A secret in a file or folder name is pushed and printed like content: each name on a scanned
 * path is scanned with the catalog, a secret in one is a finding on that folder or file, and every
 * path in every format (findings, notifications, SARIF URIs, baselines) shows it masked.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../support/cli.js';
import { DEMO_CONFIG, demoToken, TestRepo } from '../support/git-repo.js';
import { PLANTED } from '../support/planted.js';
import { untimed } from '../support/untimed.js';
import { leaks, runBounded } from './support/bounded-run.js';

interface Json {
  findings: { ruleId: string; message: string; location: { path: string }; snippet?: string }[];
  notifications: { path?: string; message: string }[];
}

/** A Slack token as a folder name, an AWS key id as a file name, a Stripe key inside: paths reach every part of the report. */
function project() {
  const folder = PLANTED.slack;
  const dir = makeProject({
    [`${folder}/app.js`]: `const k = "${PLANTED.stripe}";\n`,
    [`notes/${PLANTED.awsAccessKeyId}.txt`]: 'nothing secret inside\n',
    'plain.txt': 'nothing\n',
    [`${folder}/big.bin`]: Buffer.alloc(64, 0),
  });
  mkdirSync(join(dir, folder, 'locked'));
  writeFileSync(join(dir, folder, 'locked', 'x.txt'), 'x');
  chmodSync(join(dir, folder, 'locked'), 0o000);
  return { dir, folder, secrets: [folder, PLANTED.awsAccessKeyId, PLANTED.stripe] };
}

describe('secrets in file and folder names', () => {
  it.each(['json', 'sarif', 'text'])('are reported and masked in %s output', (format) => {
    const { dir, secrets } = project();
    const run = runBounded(['scan', '.', '-f', format, '-o', 'out', '--verbose'], { cwd: dir });
    expect(run.timedOut).toBe(false);
    expect(run.status, run.stderr).toBe(1);
    expect(run.reports).toHaveLength(1);
    expect(leaks(run, secrets)).toEqual([]);
    if (format === 'json') {
      const report = JSON.parse(run.reports[0]!) as Json;
      expect(report.findings.map((f) => [f.ruleId, f.location.path, f.message]).sort()).toEqual([
        ['secret/aws-access-key-id', 'notes/*****.txt', 'AWS access key ID found in a file name'],
        ['secret/slack-bot-token', 'xoxb*****', 'Slack bot token found in a folder name'],
        ['secret/stripe-live-secret-key', 'xoxb*****/app.js', 'Stripe live secret key found'],
      ]);
    }
  });

  it('baselines written from such a report hold no secret and still match', () => {
    const { dir, secrets } = project();
    const write = runBounded(['scan', '.', '--write-baseline', 'baseline.json'], { cwd: dir });
    expect(write.status, write.stderr).toBe(0);
    const baseline = readFileSync(join(dir, 'baseline.json'), 'utf8');
    expect(leaks({ ...write, reports: [baseline] }, secrets)).toEqual([]);
    const again = runBounded(['scan', '.', '--baseline', 'baseline.json', '-f', 'json'], { cwd: dir });
    expect(again.status, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as Json).findings).toEqual([]);
  });

  it.each([
    ['scan', (dir: string) => ({ dir, args: ['scan', '.'] })],
    [
      'history',
      (dir: string) => {
        const repo = new TestRepo(dir);
        repo.git('init', '-q', '-b', 'main');
        repo.git('-c', 'user.name=A', '-c', 'user.email=a@b', 'add', '-A');
        repo.git('-c', 'user.name=A', '-c', 'user.email=a@b', 'commit', '-q', '-m', 'all');
        return { dir, args: ['history', '.'] };
      },
    ],
  ])('%s in 2 shards merges to the unsharded report: names reported once, masked everywhere', (_, prepare) => {
    const { dir, secrets } = project();
    chmodSync(join(dir, secrets[0]!, 'locked'), 0o755); // git cannot add an unreadable folder
    const { args } = prepare(dir);
    const outDir = makeProject({}); // reports outside the scanned tree, so every shard sees the same files
    const json = (extra: string[], out: string) => {
      const run = runBounded([...args, '-f', 'json', '--fail-on', 'none', '-o', join(outDir, out), ...extra], { cwd: dir });
      expect(run.status, run.stderr).toBe(0);
      expect(leaks(run, secrets)).toEqual([]);
      return join(outDir, out);
    };
    const whole = readFileSync(json([], 'whole.json'), 'utf8');
    const parts = [json(['--shard', '1/2'], 's1.json'), json(['--shard', '2/2'], 's2.json')];
    const merged = runBounded(['merge', ...parts, '-o', join(outDir, 'merged.json'), '--fail-on', 'none'], { cwd: dir });
    expect(merged.status, merged.stderr).toBe(0);
    expect(leaks(merged, secrets)).toEqual([]);
    const text = readFileSync(join(outDir, 'merged.json'), 'utf8');
    expect(untimed(text)).toBe(untimed(whole));
    expect((JSON.parse(text) as Json).findings.filter((f) => / name$/.test(f.message)).length).toBe(2);
  });

  it('in git history, a secret file name is reported and masked', () => {
    const name = demoToken(`name-${Math.random()}`);
    const repo = TestRepo.init();
    repo.commit('odd name', { [`keys/${name}.txt`]: 'nothing inside\n' });
    const config = join(repo.dir, '..', `${repo.dir.split('/').pop()}.yaml`);
    writeFileSync(config, DEMO_CONFIG);
    const run = runBounded(['history', '--config', config, '-f', 'json'], { cwd: repo.dir });
    expect(run.status, run.stderr).toBe(1);
    expect((JSON.parse(run.stdout) as Json).findings.map((f) => [f.ruleId, f.location.path])).toEqual([['secret/demo-token', 'keys/demo*****.txt']]);
    expect(leaks(run, [name])).toEqual([]);
  });
});
