/** ESLint with the built plugin on hostile source, in a child process under a wall-clock and memory limit. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/cli.js';

export interface LintRun {
  status: number | null;
  timedOut: boolean;
  messages: { ruleId: string | null; line: number; message: string; fatal: boolean }[];
  stderr: string;
}

const PLUGIN_DIST = join(REPO_ROOT, 'packages/eslint-plugin/dist/index.js');

export function lintBounded(
  source: string,
  options: { file?: string; rules?: Record<string, unknown>; env?: Record<string, string>; timeoutMs?: number; maxOldSpaceMb?: number } = {},
): LintRun {
  if (!existsSync(PLUGIN_DIST)) throw new Error(`${PLUGIN_DIST} is missing: run "pnpm build" first`);
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.NODE_OPTIONS;
  const run = spawnSync(process.execPath, [`--max-old-space-size=${options.maxOldSpaceMb ?? 512}`, join(REPO_ROOT, 'test/hostile/support/lint-text.mjs'), options.file ?? 'handler.js', JSON.stringify(options.rules ?? {})], {
    cwd: join(REPO_ROOT, 'test'),
    env,
    input: source,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  const timedOut = run.error !== undefined && (run.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
  const messages = run.status === 0 ? (JSON.parse(run.stdout) as LintRun['messages']) : [];
  return { status: run.status, timedOut, messages, stderr: run.stderr ?? '' };
}
