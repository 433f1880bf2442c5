/**
 * Runs the shell steps of the composite action (action.yml) the way a GitHub runner does: each
 * `run:` with bash, its `env:` expressions evaluated from the inputs (defaults applied), `runner.temp`
 * and earlier steps' outputs, `$GITHUB_OUTPUT` read back after each step, `if:` honoured. `uses:`
 * steps (setup-node, cache, upload-sarif) are GitHub's own and are skipped. An expression this
 * runner does not know fails the test instead of being guessed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../support/cli.js';

interface ActionStep {
  name?: string;
  id?: string;
  uses?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
}

interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export function readAction(): Action {
  return parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as Action;
}

export interface StepRun {
  name: string;
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface ActionRun {
  steps: StepRun[];
  /** Outputs by step id. */
  outputs: Record<string, Record<string, string>>;
}

export function runActionSteps(options: { inputs: Record<string, string>; cwd: string; runnerTemp: string; env: Record<string, string> }): ActionRun {
  const action = readAction();
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) inputs[name] = options.inputs[name] ?? spec.default ?? '';
  const outputs: Record<string, Record<string, string>> = {};
  const steps: StepRun[] = [];
  let failed = false;

  const value = (expr: string): string => {
    const e = expr.trim();
    let m: RegExpExecArray | null;
    if ((m = /^inputs\.([\w-]+)$/.exec(e))) {
      if (!(m[1]! in inputs)) throw new Error(`action.yml: unknown input ${m[1]}`);
      return inputs[m[1]!]!;
    }
    if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e))) return outputs[m[1]!]?.[m[2]!] ?? '';
    if (e === 'runner.temp') return options.runnerTemp;
    if (e === 'github.action_path') return REPO_ROOT;
    throw new Error(`action.yml: the test runner does not know the expression \${{ ${e} }}`);
  };
  const interpolate = (text: string): string => text.replace(/\$\{\{([^}]*)\}\}/g, (_, e: string) => value(e));
  const condition = (expr: string | undefined): boolean => {
    if (expr === undefined) return !failed;
    const inner = expr.replace(/^\s*\$\{\{|\}\}\s*$/g, '').trim();
    const m = /^([\w.-]+)\s*==\s*'([^']*)'$/.exec(inner);
    if (!m) throw new Error(`action.yml: the test runner does not know the condition ${expr}`);
    return !failed && value(m[1]!) === m[2];
  };

  for (const step of action.runs.steps) {
    if (step.uses || !step.run) continue;
    if (!condition(step.if)) continue;
    const outputFile = join(mkdtempSync(join(tmpdir(), 'gh-output-')), 'output');
    writeFileSync(outputFile, '');
    const env: Record<string, string> = { ...options.env, GITHUB_OUTPUT: outputFile, RUNNER_TEMP: options.runnerTemp, GITHUB_ACTIONS: 'true' };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = interpolate(v);
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd: options.cwd, env, encoding: 'utf8', timeout: 600_000 });
    const name = interpolate(step.name ?? step.id ?? 'step');
    steps.push({ name, status: r.status, stdout: r.stdout, stderr: r.stderr });
    if (step.id) {
      outputs[step.id] = Object.fromEntries(
        readFileSync(outputFile, 'utf8')
          .split('\n')
          .filter((l) => l.includes('='))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
    }
    if (r.status !== 0) failed = true;
  }
  return { steps, outputs };
}
