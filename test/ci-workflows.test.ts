/**
 * The sharded GitHub Actions workflows in docs/ci.md are true: parsed as YAML, every leakguard
 * command their steps run is accepted by the CLI's own parser, artifacts connect the shard jobs to
 * the merge job, and the exact `run:` lines, matrix expanded, run here with `sh` on repositories
 * built for the test: the merged SARIF is valid and is the unsharded report.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCommandLine } from '../packages/cli/src/args.js';
import { CLI, REPO_ROOT } from './support/cli.js';
import { DEMO_CONFIG, demoToken, TestRepo } from './support/git-repo.js';
import { githubProblems, schemaErrors } from './support/sarif.js';
import { untimed } from './support/untimed.js';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
}
interface Job {
  needs?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix: Record<string, unknown[]> };
  steps: Step[];
}
interface Workflow {
  jobs: Record<string, Job>;
}
type Combo = Record<string, unknown>;

const doc = readFileSync(join(REPO_ROOT, 'docs/ci.md'), 'utf8');

function workflow(file: string): Workflow {
  const block = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.startsWith(`# .github/workflows/${file}\n`));
  if (!block) throw new Error(`docs/ci.md has no workflow ${file}`);
  return parse(block) as Workflow;
}

/** Every combination of a job's matrix (no include/exclude in these workflows). */
function combos(job: Job): Combo[] {
  let out: Combo[] = [{}];
  for (const [key, values] of Object.entries(job.strategy?.matrix ?? {})) out = out.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  return out;
}

/** `${{ matrix.a.b }}` replaced from the combination; any other expression is an error here. */
function expand(text: string, combo: Combo): string {
  const out = text.replace(/\$\{\{\s*matrix\.([\w.-]+)\s*\}\}/g, (_, path: string) => {
    const value = path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], combo);
    if (value === undefined) throw new Error(`no matrix.${path}`);
    return String(value);
  });
  return out;
}

const leakguardRuns = (job: Job) => job.steps.filter((s) => s.run?.startsWith('leakguard ')).map((s) => s.run!);
const step = (job: Job, action: string) => job.steps.find((s) => s.uses?.startsWith(`${action}@`))!;
const globRegex = (glob: string) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
const option = (run: string, name: string) => run.split(' ')[run.split(' ').indexOf(name) + 1]!;

/** A `leakguard` on PATH that runs this checkout's built CLI, as `npm install --global` would. */
function shimPath(): string {
  const bin = mkdtempSync(join(tmpdir(), 'leakguard-bin-'));
  writeFileSync(join(bin, 'leakguard'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'leakguard'), 0o755);
  return `${bin}:${process.env.PATH}`;
}

function sh(command: string, cwd: string, path: string) {
  const run = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', env: { ...process.env, PATH: path, NO_COLOR: '1' }, timeout: 120_000 });
  return { status: run.status, stderr: run.stderr };
}

/** A repository with secrets added, deleted and kept, on two branches. */
function repository(seed: string): string {
  const repo = TestRepo.init();
  repo.commit('config', { 'leakguard.yaml': DEMO_CONFIG });
  for (let c = 1; c <= 12; c++) {
    const files: Record<string, string> = { [`src/m${c % 5}.js`]: `export const n${c} = ${c};\n` };
    if (c % 3 === 0) files[`src/k${c}.js`] = `const key = "${demoToken(`${seed}-${c}`)}";\n`;
    if (c === 6) repo.git('checkout', '-q', '-b', 'feature');
    if (c === 9) repo.git('checkout', '-q', 'main');
    repo.commit(`c${c}`, files);
  }
  repo.remove('src/k3.js');
  repo.commit('remove k3', { 'infra/iam.tf': 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n' });
  return repo.dir;
}

const cliPackage = JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as { name: string };

describe.each(['leakguard-shards.yml', 'leakguard-repos.yml'])('docs/ci.md: %s', (file) => {
  const wf = workflow(file);
  const shard = wf.jobs.shard!;
  const merge = wf.jobs.merge!;

  it('runs only options the CLI accepts, N shards of N, and connects shards to one upload', () => {
    const shards = shard.strategy!.matrix.shard as number[];
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, i) => i + 1));
    expect(merge.needs).toBe('shard');
    expect(merge.permissions?.['security-events']).toBe('write');
    for (const job of [shard, merge]) {
      expect(job.steps.filter((s) => s.run?.startsWith('npm install')).map((s) => s.run)).toEqual([`npm install --global ${cliPackage.name}@0.1.0`]);
    }
    const outputs = new Set<string>();
    for (const combo of combos(shard)) {
      const [run] = leakguardRuns(shard).map((r) => expand(r, combo));
      const cmd = parseCommandLine(run!.split(' ').slice(1));
      expect(cmd).toMatchObject({ command: 'history', format: 'sarif', failOn: 'none', shard: { index: combo.shard, count: shards.length } });
      // The artifact is the file the command wrote, under a name the merge job downloads.
      const upload = step(shard, 'actions/upload-artifact');
      expect(expand(String(upload.with!.path), combo)).toBe(option(run!, '--output'));
      outputs.add(expand(String(upload.with!.name), combo));
    }
    expect(outputs.size).toBe(combos(shard).length);
    for (const combo of combos(merge)) {
      const download = step(merge, 'actions/download-artifact');
      expect(download.with!['merge-multiple']).toBe(true);
      const pattern = globRegex(expand(String(download.with!.pattern), combo));
      const [run] = leakguardRuns(merge).map((r) => expand(r, combo));
      const cmd = parseCommandLine(run!.split(' ').slice(1));
      expect(cmd).toMatchObject({ command: 'merge' });
      expect(step(merge, 'github/codeql-action/upload-sarif').with!.sarif_file && expand(String(step(merge, 'github/codeql-action/upload-sarif').with!.sarif_file), combo)).toBe(option(run!, '--output'));
      // Every shard of this target is downloaded: N artifacts match the pattern.
      expect([...outputs].filter((name) => pattern.test(name))).toHaveLength(shards.length);
    }
  });

  it('its exact commands, run here, merge into the unsharded report', () => {
    const path = shimPath();
    const artifacts = mkdtempSync(join(tmpdir(), 'leakguard-artifacts-'));
    const targetName = (combo: Combo) => ((combo.target as { name?: string } | undefined)?.name ?? 'repo');
    // One checkout per target (a repository built here stands in for `actions/checkout`).
    const checkouts = new Map<string, string>();
    for (const combo of combos(shard)) {
      const name = targetName(combo);
      if (!checkouts.has(name)) checkouts.set(name, repository(name));
      const checkout = checkouts.get(name)!;
      const [run] = leakguardRuns(shard).map((r) => expand(r, combo));
      const result = sh(run!, checkout, path);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const upload = step(shard, 'actions/upload-artifact');
      const dir = join(artifacts, expand(String(upload.with!.name), combo));
      mkdirSync(dir);
      const produced = expand(String(upload.with!.path), combo);
      copyFileSync(join(checkout, produced), join(dir, produced));
    }
    const categories = new Set<string>();
    for (const combo of combos(merge)) {
      const workspace = mkdtempSync(join(tmpdir(), 'leakguard-merge-'));
      const pattern = globRegex(expand(String(step(merge, 'actions/download-artifact').with!.pattern), combo));
      for (const name of readdirSync(artifacts).filter((n) => pattern.test(n))) {
        for (const f of readdirSync(join(artifacts, name))) copyFileSync(join(artifacts, name, f), join(workspace, f));
      }
      const [run] = leakguardRuns(merge).map((r) => expand(r, combo));
      const result = sh(run!, workspace, path);
      expect(result.stderr).toMatch(/^leakguard: merged \d+ shards/);
      expect(result.status).toBe(0);
      const merged = readFileSync(join(workspace, option(run!, '--output')), 'utf8');
      const log = JSON.parse(merged);
      expect(schemaErrors(log)).toEqual([]);
      expect(githubProblems(log)).toEqual([]);
      expect(log.runs[0].results.length).toBeGreaterThan(2);
      categories.add(log.runs[0].automationDetails.id.replace(/\/[^/]+$/, ''));

      // The same command without --shard, on the same checkout: the report one runner writes.
      const checkout = checkouts.get(targetName(combo))!;
      const [shardRun] = leakguardRuns(shard).map((r) => expand(r, { ...combo, shard: 1 }));
      const whole = join(workspace, 'whole.sarif');
      const unsharded = shardRun!.replace(/ --shard \S+/, '').replace(/ --output \S+/, ` --output ${whole}`);
      expect(sh(unsharded, checkout, path).status).toBe(0);
      expect(untimed(merged)).toBe(untimed(readFileSync(whole, 'utf8')));
    }
    // One category per repository.
    expect(categories.size).toBe(combos(merge).length);
  });
});
