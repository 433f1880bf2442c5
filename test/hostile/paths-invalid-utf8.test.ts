/**
 * File and folder names that are not valid UTF-8 (legal on POSIX; common in old archives) are
 * opened by their exact bytes and scanned; the report shows each invalid byte as `\xNN`, in
 * `scan`, `scan --staged` and `history` alike.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../support/cli.js';
import { TestRepo } from '../support/git-repo.js';
import { PLANTED } from '../support/planted.js';
import { leaks, runBounded } from './support/bounded-run.js';

const bytes = (dir: string, ...parts: (string | number[])[]) =>
  Buffer.concat([Buffer.from(`${dir}/`), ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))]);

interface Json {
  findings: { ruleId: string; location: { path: string } }[];
  notifications: unknown[];
  summary: { filesScanned: number };
}

describe('names that are not valid UTF-8', () => {
  it.each([['-j', '1'], ['-j', '2']])('are scanned by their bytes and shown escaped (%s %s)', (...jobs) => {
    const dir = makeProject({ 'plain.txt': 'nothing\n' });
    const secret = `const key = "${PLANTED.stripe}";\n`;
    writeFileSync(bytes(dir, 'bad', [0xff], '.js'), secret);
    mkdirSync(bytes(dir, 'latin1-', [0xe9], 't', [0xe9]));
    writeFileSync(bytes(dir, 'latin1-', [0xe9], 't', [0xe9], '/in.js'), secret);
    writeFileSync(bytes(dir, 'half-', [0xe2, 0x82], '.js'), secret); // a truncated 3-byte sequence
    writeFileSync(bytes(dir, 'caf', [0xc3, 0xa9], '.js'), secret); // valid UTF-8: shown as is
    const run = runBounded(['scan', '.', '-f', 'json', ...jobs], { cwd: dir, env: { LEAKGUARD_POOL_AFTER_BYTES: '0' } });
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as Json;
    expect(report.notifications).toEqual([]);
    expect(report.summary.filesScanned).toBe(5);
    expect(report.findings.map((f) => f.location.path).sort()).toEqual(['bad\\xff.js', 'café.js', 'half-\\xe2\\x82.js', 'latin1-\\xe9t\\xe9/in.js']);
    expect(leaks(run, [PLANTED.stripe])).toEqual([]);
  });

  it.each([
    ['history', ['history']],
    ['scan --staged', ['scan', '--staged']],
  ])('in %s, are shown escaped too', (_, command) => {
    const repo = TestRepo.init();
    writeFileSync(bytes(repo.dir, 'bad', [0xff], '.js'), `const key = "${PLANTED.stripe}";\n`);
    repo.git('add', '-A');
    if (command[0] === 'history') repo.git('commit', '-q', '-m', 'odd name');
    const run = runBounded([...command, '-f', 'json'], { cwd: repo.dir });
    expect(run.status, run.stderr).toBe(1);
    expect((JSON.parse(run.stdout) as Json).findings.map((f) => f.location.path)).toEqual(['bad\\xff.js']);
    expect(leaks(run, [PLANTED.stripe])).toEqual([]);
  });
});
