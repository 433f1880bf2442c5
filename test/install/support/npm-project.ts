/**
 * A fresh user project in a temporary folder that knows nothing of this workspace: npm and npx run
 * with an environment stripped of the workspace's (no npm_* / pnpm variables, no workspace .bin on
 * PATH), against the test registry.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../../support/cli.js';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment a user's shell would have: nothing of the pnpm run that started the test. */
export function userEnv(extra: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(npm_|pnpm_|PNPM_|NODE_PATH$|INIT_CWD$|VITEST|LEAKGUARD_)/i.test(k)) continue;
    env[k] = v;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(':')
    .filter((dir) => !dir.startsWith(REPO_ROOT))
    .join(':');
  env.NO_COLOR = '1';
  env.npm_config_audit = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_update_notifier = 'false';
  return overlay(env, extra);
}

/** `env` with `extra` over it; a value of `undefined` removes a variable. */
function overlay(env: Record<string, string>, extra: Record<string, string | undefined>): Record<string, string> {
  const out = { ...env };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

export class NpmProject {
  readonly dir: string;

  constructor(
    readonly env: Record<string, string>,
    type?: 'commonjs' | 'module',
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'leakguard-user-'));
    this.must('npm', ['init', '-y']);
    if (type) {
      const pkg = JSON.parse(readFileSync(join(this.dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      pkg.type = type;
      writeFileSync(join(this.dir, 'package.json'), JSON.stringify(pkg, null, 2));
    }
  }

  write(files: Record<string, string>): void {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, path)), { recursive: true });
      writeFileSync(join(this.dir, path), content);
    }
  }

  run(command: string, args: string[], extraEnv: Record<string, string | undefined> = {}): Run {
    const r = spawnSync(command, args, { cwd: this.dir, env: overlay(this.env, extraEnv), encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? String(r.error) : '') };
  }

  /** Runs and throws with the output when the command fails. */
  must(command: string, args: string[], extraEnv: Record<string, string | undefined> = {}): Run {
    const r = this.run(command, args, extraEnv);
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status} in ${this.dir}:\n${r.stdout}\n${r.stderr}`);
    return r;
  }
}
