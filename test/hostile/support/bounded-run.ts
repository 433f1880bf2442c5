/**
 * Runs the built CLI on hostile input under a wall-clock and a memory limit, and says whether any
 * planted secret (or a 12-character piece of one) escaped into stdout, stderr or a report file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { CLI, REPO_ROOT } from '../../support/cli.js';

export interface BoundedRun {
  status: number | null;
  /** The signal that ended the run: SIGTERM when the wall-clock limit was hit. */
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** The contents of every `--output` file the run wrote. */
  reports: string[];
}

export interface BoundedRunOptions {
  cwd?: string;
  /** Wall-clock limit (default 30 s). */
  timeoutMs?: number;
  /** V8 old-space limit in MB (default 512): a blow-up dies instead of eating the machine. */
  maxOldSpaceMb?: number;
  env?: Record<string, string>;
}

export function runBounded(args: string[], options: BoundedRunOptions = {}): BoundedRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "pnpm build" first`);
  const run = spawnSync(process.execPath, [`--max-old-space-size=${options.maxOldSpaceMb ?? 512}`, CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    input: '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 1024 * 1024,
  });
  const outputs: string[] = [];
  args.forEach((arg, i) => {
    const file = arg === '-o' || arg === '--output' ? args[i + 1] : arg.startsWith('--output=') ? arg.slice(9) : undefined;
    if (!file) return;
    const abs = file.startsWith('/') ? file : `${options.cwd ?? REPO_ROOT}/${file}`;
    if (existsSync(abs)) outputs.push(readFileSync(abs, 'utf8'));
  });
  const timedOut = run.error !== undefined && (run.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
  return { status: run.status, signal: run.signal, timedOut, stdout: run.stdout ?? '', stderr: run.stderr ?? '', reports: outputs };
}

/** Every 12-character piece of `secret` (the whole secret when it is shorter). */
export function secretPieces(secret: string, size = 12): string[] {
  if (secret.length <= size) return [secret];
  const pieces: string[] = [];
  for (let i = 0; i + size <= secret.length; i++) pieces.push(secret.slice(i, i + size));
  return pieces;
}

/** The places (stdout, stderr, report N) where a piece of any planted secret appears. */
export function leaks(run: BoundedRun, secrets: string[]): string[] {
  const places: [string, string][] = [['stdout', run.stdout], ['stderr', run.stderr], ...run.reports.map((r, i) => [`report ${i}`, r] as [string, string])];
  const found: string[] = [];
  for (const secret of secrets) {
    for (const piece of secretPieces(secret)) {
      for (const [name, text] of places) if (text.includes(piece)) found.push(`${name} holds "${piece.slice(0, 3)}…" of a planted secret`);
    }
  }
  return [...new Set(found)];
}
