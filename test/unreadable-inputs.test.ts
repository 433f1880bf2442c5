/**
 * Inputs that cannot be read become notifications and the scan goes on; `--strict` turns them into
 * exit code 2. Permissions do not stop root, so as root the CLI runs as `nobody` (setpriv).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, makeProject } from './support/cli.js';
import { PEM_KEY, PLANTED } from './support/planted.js';

const asRoot = process.getuid?.() === 0;

function runUnprivileged(args: string[], cwd: string) {
  const command = asRoot ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, CLI, ...args] : [process.execPath, CLI, ...args];
  const run = spawnSync(command[0]!, command.slice(1), { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function lockedProject(): string {
  const root = makeProject({ 'open/key.pem': PEM_KEY, 'open/notes.md': 'hello' });
  writeFileSync(join(root, 'locked.txt'), `password = "${PLANTED.password}"`);
  mkdirSync(join(root, 'locked-dir'));
  writeFileSync(join(root, 'locked-dir/inside.txt'), 'x');
  chmodSync(join(root, 'locked.txt'), 0o000);
  chmodSync(join(root, 'locked-dir'), 0o000);
  chmodSync(root, 0o755);
  chmodSync(join(root, 'open'), 0o755);
  return root;
}

describe('unreadable inputs', () => {
  it('are reported by name, the rest is scanned, and no secret leaks into the messages', () => {
    const run = runUnprivileged(['scan', '.', '--format', 'json'], lockedProject());
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: { location: { path: string } }[]; notifications: unknown[] };
    expect(report.findings.map((f) => f.location.path)).toEqual(['open/key.pem']);
    expect(report.notifications).toEqual([
      { kind: 'read-error', level: 'error', message: 'cannot read folder: EACCES', path: 'locked-dir' },
      { kind: 'read-error', level: 'error', message: 'cannot read file: EACCES', path: 'locked.txt' },
    ]);
    expect(run.stdout + run.stderr).not.toContain(PLANTED.password);
  });

  it('make the exit code 2 under --strict, even with findings', () => {
    expect(runUnprivileged(['scan', '.', '--strict'], lockedProject()).status).toBe(2);
  });

  it('are listed in the text report', () => {
    const run = runUnprivileged(['scan', '.', '--fail-on', 'none'], lockedProject());
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Inputs with problems:');
    expect(run.stdout).toContain('locked-dir: cannot read folder: EACCES');
    expect(run.stdout).toContain('locked.txt: cannot read file: EACCES');
  });
});
