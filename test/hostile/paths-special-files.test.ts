/**
 * Special files in the scan: a FIFO or a device named on the command line is reported (never a
 * silent "0 files scanned"), and a file that becomes a symbolic link after discovery's lstat is not
 * followed when it is opened.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInput } from '../../packages/cli/src/read-input.js';
import { readInputSync } from '../../packages/cli/src/pool/read-sync.js';
import { makeProject } from '../support/cli.js';
import { PLANTED } from '../support/planted.js';
import { leaks, runBounded } from './support/bounded-run.js';

interface Json {
  notifications: { kind: string; level: string; message: string; path?: string }[];
  summary: { filesScanned: number };
}

describe('a special file named on the command line', () => {
  it.each([
    ['a FIFO', (dir: string) => (execFileSync('mkfifo', [join(dir, 'pipe')]), join(dir, 'pipe')), /not a regular file \(a FIFO\)/],
    ['a character device', () => '/dev/null', /not a regular file \(a character device\)/],
  ])('%s is an error notification; --strict exits 2', (_, make, message) => {
    const dir = makeProject({ 'a.txt': 'nothing here\n' });
    const target = make(dir);
    const run = runBounded(['scan', target, '-f', 'json'], { cwd: dir, timeoutMs: 20_000 });
    expect(run.timedOut).toBe(false);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Json;
    expect(report.summary.filesScanned).toBe(0);
    expect(report.notifications).toEqual([expect.objectContaining({ kind: 'read-error', level: 'error', message: expect.stringMatching(message) })]);
    const strict = runBounded(['scan', target, '--strict'], { cwd: dir, timeoutMs: 20_000 });
    expect(strict.status).toBe(2);
    expect(strict.stdout).toMatch(message);
  });
});

describe('a file swapped for a symbolic link after discovery', () => {
  // Discovery saw a regular file; by the time it is read, `config.txt` points outside the tree.
  const outside = makeProject({ 'keys.txt': `aws_secret_access_key = ${PLANTED.awsSecretKey}\n` });
  const dir = makeProject({});
  mkdirSync(join(dir, 'src'));
  symlinkSync(join(outside, 'keys.txt'), join(dir, 'src/config.txt'));

  it.each([
    ['the main thread (async read)', () => readInput(join(dir, 'src/config.txt'), 'src/config.txt', 1 << 20)],
    ['a worker (sync read)', () => Promise.resolve(readInputSync(join(dir, 'src/config.txt'), 'src/config.txt', 1 << 20))],
  ])('%s refuses to follow it', async (_, read) => {
    const result = await read();
    expect(result).toEqual({ skipped: { kind: 'read-error', level: 'error', message: 'cannot read file: it became a symbolic link (not followed)', path: 'src/config.txt' } });
  });

  it.each([
    ['the main thread (async read)', (p: string) => readInput(p, 'p', 1 << 20)],
    ['a worker (sync read)', (p: string) => Promise.resolve(readInputSync(p, 'p', 1 << 20))],
  ])('%s opens a FIFO swapped in without hanging', async (_, read) => {
    execFileSync('mkfifo', [join(dir, 'fifo')], { stdio: 'ignore' });
    try {
      expect(await read(join(dir, 'fifo'))).toEqual({ skipped: expect.objectContaining({ message: 'cannot read file: not a regular file' }) });
    } finally {
      execFileSync('rm', [join(dir, 'fifo')]);
    }
  });

  it('a whole scan of the tree never reads through the link', () => {
    writeFileSync(join(dir, 'src/plain.txt'), 'nothing\n');
    const run = runBounded(['scan', '.', '-f', 'json'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(leaks(run, [PLANTED.awsSecretKey])).toEqual([]);
  });
});
