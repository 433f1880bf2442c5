/**
 * Names that strangers chose reach the text report: file names, YAML keys, git author names. A
 * newline in one must not forge a report line, and a terminal escape must not hide a finding; in
 * SARIF a backslash in a POSIX file name is part of the name, not a separator.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../support/cli.js';
import { DEMO_CONFIG, demoToken, TestRepo } from '../support/git-repo.js';
import { PLANTED } from '../support/planted.js';
import { leaks, runBounded } from './support/bounded-run.js';

const ESC = '\u001b';
const FORGED = 'forged.ts\n  1:1      error   all clear';

/** Every control character in stdout except the newlines that end lines. */
const controls = (text: string) => [...text].filter((c) => /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(c));

describe('text output escapes control characters', () => {
  it.each([
    ['a file name with a newline that forges a report line', FORGED, 'forged.ts\\n  1:1      error   all clear'],
    ['a file name with an escape that conceals the rest of the line', `ok${ESC}[8m.ts`, 'ok\\x1b[8m.ts'],
    ['a file name with a bidi override', `a\u202Etxt.ts`, 'a\\u{202e}txt.ts'],
  ])('%s', (_, name, shown) => {
    const dir = makeProject({ [name]: `const k = "${PLANTED.stripe}";\n` });
    const run = runBounded(['scan', '.'], { cwd: dir });
    expect(run.status, run.stderr).toBe(1);
    expect(controls(run.stdout)).toEqual([]);
    expect(run.stdout.split('\n')).toContain(shown);
    expect(leaks(run, [PLANTED.stripe])).toEqual([]);
  });

  it('a YAML key with an escape sequence in a serverless environment', () => {
    const key = `DB_PASSWORD${ESC}[2K${ESC}[1G`;
    const yml = `service: s\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  api:\n    handler: h.main\n    environment:\n      "${key.replace(/\u001b/g, '\\e')}": "${PLANTED.password}"\n`;
    const dir = makeProject({ 'serverless.yml': yml });
    const run = runBounded(['scan', '.'], { cwd: dir });
    expect(run.status, run.stderr).toBe(1);
    expect(controls(run.stdout)).toEqual([]);
    expect(run.stdout).toContain('DB_PASSWORD\\x1b[2K\\x1b[1G of Lambda function api');
    expect(leaks(run, [PLANTED.password])).toEqual([]);
  });

  it('a git author name with an escape sequence', () => {
    const secret = demoToken(`author-${Math.random()}`);
    const repo = TestRepo.init();
    repo.git('config', 'user.name', `Eve${ESC}[8m`);
    repo.commit('add', { 'a.txt': `token = ${secret}\n` });
    const config = join(repo.dir, '..', `${repo.dir.split('/').pop()}.yaml`);
    writeFileSync(config, DEMO_CONFIG);
    const run = runBounded(['history', '--config', config], { cwd: repo.dir });
    expect(run.status, run.stderr).toBe(1);
    expect(controls(run.stdout)).toEqual([]);
    expect(run.stdout).toMatch(/commit [0-9a-f]{12} by Eve\\x1b\[8m on /);
    expect(leaks(run, [secret])).toEqual([]);
  });
});

describe('SARIF URIs', () => {
  it('encode a backslash in a POSIX file name instead of turning it into a folder', () => {
    const dir = makeProject({ 'dir\\name.ts': `const k = "${PLANTED.stripe}";\n` });
    const run = runBounded(['scan', '.', '-f', 'sarif', '-o', 'out.sarif'], { cwd: dir });
    expect(run.status, run.stderr).toBe(1);
    const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['dir%5Cname.ts']);
    expect(leaks(run, [PLANTED.stripe])).toEqual([]);
  });
});
