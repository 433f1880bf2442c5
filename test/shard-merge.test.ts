/**
 * `--shard K/N` and `leakguard merge`: for N = 1, 2, 3 and 8, the N shards of a scan (the example
 * app, a generated tree) and of a history (a real repository made here) merge into exactly the
 * report one unsharded run writes: same results in the same order, same fingerprints, same commit
 * attribution and presentAtHead, same notifications and counts. Only timing (`durationMs`) and the
 * run id differ. The merged SARIF validates against the official schema.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, REPO_ROOT, runCli } from './support/cli.js';
import { DEMO_CONFIG, demoToken, TestRepo } from './support/git-repo.js';
import { githubProblems, schemaErrors } from './support/sarif.js';
import { untimed } from './support/untimed.js';
import { xorshiftUnit } from './support/xorshift.js';

const out = mkdtempSync(join(tmpdir(), 'leakguard-shard-'));
let serial = 0;
const outFile = (ext: string) => join(out, `r${serial++}.${ext}`);

interface ShardRecordOut {
  index: number;
  count: number;
  bytesPerShard?: number[];
  stats: { bytesScanned: number };
  walkOrder?: number[];
}
interface JsonOut {
  summary: { bytesScanned: number; filesScanned: number };
  findings: { ruleId: string; fingerprint: string; secret?: { hash: string }; commit?: { sha: string; presentAtHead: boolean } }[];
  shard?: ShardRecordOut;
}

/** A corpus: what to run (`scan PATH` or `history REPO`) and where. */
interface Corpus {
  name: string;
  cwd: string;
  args: string[];
}

/** Runs one leakguard command that writes a report; returns the report's text. */
function report(corpus: Corpus, format: 'json' | 'sarif', extra: string[] = []): string {
  const file = outFile(format);
  const run = runCli([...corpus.args, '--format', format, '--output', file, '--fail-on', 'none', '--quiet', '--jobs', '1', ...extra], { cwd: corpus.cwd });
  expect(run.stderr, `${corpus.name} ${extra.join(' ')}`).toBe('');
  expect(run.status).toBe(0);
  return readFileSync(file, 'utf8');
}

function shardFiles(corpus: Corpus, format: 'json' | 'sarif', n: number, extra: string[] = []): string[] {
  return Array.from({ length: n }, (_, k) => {
    const file = outFile(format);
    writeFileSync(file, report(corpus, format, ['--shard', `${k + 1}/${n}`, ...extra]));
    return file;
  });
}

function merge(files: string[], extra: string[] = []) {
  const file = outFile('merged');
  const run = runCli(['merge', ...files, '--output', file, '--fail-on', 'none', '--quiet', ...extra]);
  return { ...run, text: run.status === 0 ? readFileSync(file, 'utf8') : '' };
}


/** Findings of the same (rule, secret) that more than one shard reported: the merge chose among them. */
function sharedAcrossShards(shards: JsonOut[]): number {
  const seen = new Map<string, Set<number>>();
  shards.forEach((s, i) => {
    for (const f of s.findings) {
      const key = `${f.ruleId}:${f.secret?.hash ?? f.fingerprint}`;
      seen.set(key, (seen.get(key) ?? new Set()).add(i));
    }
  });
  return [...seen.values()].filter((s) => s.size > 1).length;
}

/** Secrets one shard reports as gone from HEAD and another as present: the merge says present. */
function headDisagreements(shards: JsonOut[]): number {
  const atHead = new Map<string, Set<boolean>>();
  for (const s of shards) {
    for (const f of s.findings) {
      const key = `${f.ruleId}:${f.secret?.hash ?? f.fingerprint}`;
      atHead.set(key, (atHead.get(key) ?? new Set()).add(f.commit!.presentAtHead));
    }
  }
  return [...atHead.values()].filter((v) => v.size === 2).length;
}

// ---------------------------------------------------------------------------------------------
// The corpora

/** Seeded (xorshift32): the generated tree and history are the same on every run. */
const prng = xorshiftUnit;

function filler(rand: () => number, bytes: number): string {
  const words = ['handler', 'bucket', 'region', 'timeout', 'policy', 'table', 'queue', 'retry'];
  let text = '';
  while (text.length < bytes) text += `const ${words[Math.floor(rand() * words.length)]}_${Math.floor(rand() * 1e6)} = ${Math.floor(rand() * 1e3)};\n`;
  return text;
}

/**
 * 90 files from 40 bytes to 60 KB in nested folders: tokens in some, one token copied into three
 * files, a .gitignored folder, a binary file, a file over --max-file-size, an unparsable template.
 */
function generatedTree(): string {
  const rand = prng(0x5eed);
  const files: Record<string, string | Buffer> = { 'leakguard.yaml': DEMO_CONFIG, '.gitignore': 'build/\n' };
  const shared = demoToken('copied-into-three-files');
  for (let i = 0; i < 90; i++) {
    const size = Math.floor(40 + rand() ** 3 * 60_000);
    const dir = ['src', 'src/lib', 'infra', 'config/stages', 'docs'][i % 5];
    let text = filler(rand, size);
    if (i % 7 === 0) text = `const token = "${demoToken(`tree-${i}`)}";\n` + text;
    if (i % 30 === 3) text += `export const copy = "${shared}";\n`;
    files[`${dir}/file_${i}.js`] = text;
  }
  files['build/out.js'] = `const ignored = "${demoToken('in-ignored-folder')}";\n`;
  files['assets/logo.bin'] = Buffer.concat([Buffer.from('PNG'), Buffer.alloc(64), Buffer.from(demoToken('in-binary'))]);
  files['dumps/huge.js'] = filler(rand, 300_000) + `const t = "${demoToken('in-huge-file')}";\n`;
  files['infra/broken.tf'] = 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*" ]\n';
  files['infra/wildcard.tf'] = 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n';
  return makeProject(files);
}

/**
 * A real repository of 60 commits on two branches and a merge: tokens added, deleted, copied to a
 * second file while the first is deleted (so the first commit is in one blob and HEAD in another),
 * renamed files, a binary blob.
 */
function generatedHistory(): string {
  const rand = prng(0x4157);
  const repo = TestRepo.init();
  repo.commit('config', { 'leakguard.yaml': DEMO_CONFIG });
  for (let c = 1; c <= 60; c++) {
    if (c === 30) repo.git('checkout', '-q', '-b', 'feature');
    if (c === 40) {
      repo.git('checkout', '-q', 'main');
      repo.git('merge', '-q', '--no-ff', '-m', 'merge feature', 'feature');
    }
    const files: Record<string, string | Buffer> = {};
    for (let f = 0; f < 3; f++) files[`src/mod_${Math.floor(rand() * 25)}.js`] = filler(rand, Math.floor(200 + rand() ** 2 * 12_000));
    if (c % 6 === 0) files[`src/secret_${c}.js`] = `const key = "${demoToken(`history-${c}`)}";\n${filler(rand, 500)}`;
    if (c % 6 === 3 && c > 3) {
      // The token of commit c - 3 moves to another file: first seen in one blob, at HEAD in another.
      files[`moved/copy_${c}.js`] = `${filler(rand, 300)}const again = "${demoToken(`history-${c - 3}`)}";\n`;
      repo.remove(`src/secret_${c - 3}.js`);
    }
    if (c === 20) files['assets/blob.bin'] = Buffer.concat([Buffer.alloc(32), Buffer.from(demoToken('binary'))]);
    if (c === 25 && existsSync(join(repo.dir, 'src/mod_1.js'))) repo.git('mv', 'src/mod_1.js', 'src/renamed_1.js');
    repo.commit(`commit ${c}`, files);
  }
  return repo.dir;
}

/** Every file under a folder (the build folder included: it only loosens the bound). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

const corpora: Record<string, Corpus> = {};

beforeAll(() => {
  corpora.example = { name: 'example app', cwd: REPO_ROOT, args: ['scan', 'examples/serverless-app'] };
  corpora.exampleAndMore = { name: 'example app and a file', cwd: REPO_ROOT, args: ['scan', 'examples/serverless-app', 'package.json'] };
  const tree = generatedTree();
  // A path that does not exist: discovery's notification, reported by shard 1 alone.
  corpora.tree = { name: 'generated tree', cwd: tree, args: ['scan', '.', 'no-such-folder', '--max-file-size', '0.25'] };
  const repo = generatedHistory();
  corpora.history = { name: 'generated history', cwd: repo, args: ['history', '.'] };
});

// ---------------------------------------------------------------------------------------------

describe.each(['example', 'tree', 'history'])('%s: N shards merged are the unsharded report', (name) => {
  let whole: { json: string; sarif: string };
  beforeAll(() => {
    const corpus = corpora[name]!;
    whole = { json: report(corpus, 'json'), sarif: report(corpus, 'sarif') };
    expect((JSON.parse(whole.json) as JsonOut).findings.length).toBeGreaterThan(3);
  });

  it.each([1, 2, 3, 8])('JSON, N = %i', (n) => {
    const corpus = corpora[name]!;
    const files = shardFiles(corpus, 'json', n);
    const shards = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as JsonOut);
    expect(shards.map((s) => `${s.shard!.index}/${s.shard!.count}`)).toEqual(Array.from({ length: n }, (_, k) => `${k + 1}/${n}`));
    // Merged in any order of the files.
    const merged = merge([...files].reverse());
    expect(merged.stderr).toBe('');
    expect(merged.status).toBe(0);
    expect(untimed(merged.text)).toBe(untimed(whole.json));

    // Each shard did its part: the bytes scanned add up to the whole.
    const total = (JSON.parse(whole.json) as JsonOut).summary.bytesScanned;
    expect(shards.reduce((sum, s) => sum + s.summary.bytesScanned, 0)).toBe(total);
    if (name === 'history' && n === 8) {
      // The tricky cases are exercised: a (rule, secret) met by two shards (the earlier walk
      // position kept), and one that a shard saw only in history while another saw it at HEAD.
      expect(sharedAcrossShards(shards)).toBeGreaterThan(0);
      expect(headDisagreements(shards)).toBeGreaterThan(0);
    }
  });

  it('SARIF, N = 3: the same, and valid for the schema and for GitHub', () => {
    const merged = merge(shardFiles(corpora[name]!, 'sarif', 3));
    expect(merged.status).toBe(0);
    expect(untimed(merged.text)).toBe(untimed(whole.sarif));
    const log = JSON.parse(merged.text);
    expect(schemaErrors(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
    expect(log.runs[0].properties).toBeUndefined(); // the shard record is gone
  });
});

describe('shards are balanced by bytes', () => {
  it('scan: any two shards differ by at most the largest file (the greedy plan, largest first)', () => {
    const corpus = corpora.tree!;
    const whole = JSON.parse(report(corpus, 'json')) as JsonOut;
    // The largest file the plan weighs (files over --max-file-size are not read and weigh 0).
    const largest = Math.max(...filesUnder(corpus.cwd).map((f) => statSync(f).size).filter((s) => s <= 0.25 * 1048576));
    for (const n of [2, 3, 8]) {
      const shard = JSON.parse(report(corpus, 'json', ['--shard', `1/${n}`])) as JsonOut;
      const planned = shard.shard!.bytesPerShard!;
      expect(planned).toHaveLength(n);
      expect(Math.max(...planned) - Math.min(...planned), `N = ${n}: ${planned.join(', ')}`).toBeLessThanOrEqual(largest);
      expect(planned.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(whole.summary.bytesScanned);
    }
  });

  it('history: blob ids hash uniformly; each shard within 4 standard deviations of the mean', () => {
    // Blobs are assigned by a hash of their id (the same on every clone), not by a plan, so the
    // bound is statistical: for blob sizes s_i and N shards a shard's bytes have mean Σs/N and
    // variance Σs²·(1/N)(1 − 1/N). This history's draw is fixed (seeded), so the test is too.
    const corpus = corpora.history!;
    const sizes = execFileSync('git', ['cat-file', '--batch-all-objects', '--batch-check=%(objecttype) %(objectsize)'], { cwd: corpus.cwd, encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.startsWith('blob '))
      .map((l) => Number(l.split(' ')[1]));
    const sumOfSquares = sizes.reduce((sum, s) => sum + s * s, 0);
    for (const n of [2, 3, 8]) {
      const shards = Array.from({ length: n }, (_, k) => JSON.parse(report(corpus, 'json', ['--shard', `${k + 1}/${n}`])) as JsonOut);
      const bytes = shards.map((s) => s.summary.bytesScanned);
      const total = bytes.reduce((a, b) => a + b, 0);
      const sd = Math.sqrt(sumOfSquares * (1 / n) * (1 - 1 / n));
      for (const b of bytes) expect(Math.abs(b - total / n), `N = ${n}: ${bytes.join(', ')}`).toBeLessThanOrEqual(4 * sd);
    }
  });
});

describe('leakguard merge refuses what is not one whole run (exit 2)', () => {
  const sarifShards = (extra: string[] = [], n = 2, corpus = 'example') =>
    Array.from({ length: n }, (_, k) => {
      const file = outFile('sarif');
      writeFileSync(file, report(corpora[corpus]!, 'sarif', ['--shard', `${k + 1}/${n}`, ...extra]));
      return file;
    });
  let base: string[];
  beforeAll(() => {
    base = sarifShards();
  });

  /** A copy of a report file with its JSON changed. */
  const edited = (file: string, change: (doc: any) => void) => {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    change(doc);
    const copy = outFile('sarif');
    writeFileSync(copy, JSON.stringify(doc));
    return copy;
  };

  const cases: [string, () => string[], RegExp][] = [
    ['a shard missing', () => [base[0]!], /shards? 2\/2 missing/],
    ['a shard repeated', () => [base[0]!, base[0]!, base[1]!], /shard 1\/2 is given twice/],
    ['another category', () => [base[0]!, sarifShards(['--category', 'leakguard/other'])[1]!], /different categories/],
    ['another tool version', () => [base[0]!, edited(base[1]!, (d) => {
      d.runs[0].tool.driver.version = '9.9.9';
      d.runs[0].properties['leakguard/shard'].toolVersion = '9.9.9';
    })], /different tool versions/],
    ['another rule set', () => {
      const dir = mkdtempSync(join(tmpdir(), 'leakguard-rules-'));
      writeFileSync(join(dir, 'off.yaml'), 'rules:\n  iam/*: off\n');
      return [base[0]!, sarifShards(['--config', join(dir, 'off.yaml')])[1]!];
    }, /different rule sets/],
    ['shards of another split', () => [base[0]!, sarifShards([], 3)[1]!], /different shard counts/],
    // The same rules on another checkout: one file more.
    ['shards of another tree', () => [base[0]!, sarifShards([], 2, 'exampleAndMore')[1]!], /different inputs/],
    ['an unsharded report', () => [base[0]!, (() => {
      const f = outFile('sarif');
      writeFileSync(f, report(corpora.example!, 'sarif'));
      return f;
    })()], /not a shard's report/],
    ['JSON with SARIF', () => [base[0]!, (() => {
      const f = outFile('json');
      writeFileSync(f, report(corpora.example!, 'json', ['--shard', '2/2']));
      return f;
    })()], /SARIF and JSON/],
    ['an edited shard record', () => [base[0]!, edited(base[1]!, (d) => {
      d.runs[0].properties['leakguard/shard'].stats.bytesScanned = 'many';
    })], /shard record is incomplete/],
    ['a file that is not a report', () => [base[0]!, join(REPO_ROOT, 'package.json')], /not a leakguard JSON or SARIF report/],
    ['a missing file', () => [base[0]!, join(out, 'nope.sarif')], /cannot read \(ENOENT\)/],
  ];
  it.each(cases)('%s', (_, files, message) => {
    const run = merge(files());
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/^leakguard: merge refused: /);
    expect(run.status).toBe(2);
  });
});

describe('--shard and merge on the command line', () => {
  const usage: [string, string[], RegExp][] = [
    ['K over N', ['scan', '.', '--shard', '3/2'], /K must be 1 to N/],
    ['zero shards', ['scan', '.', '--shard', '0/0'], /N must be 1 to/],
    ['not K/N', ['history', '.', '--shard', 'half'], /--shard takes K\/N/],
    ['with --staged', ['scan', '--staged', '--shard', '1/2'], /not sharded/],
    ['with --write-baseline', ['scan', '.', '--shard', '1/2', '--write-baseline', 'b.json'], /cannot run on a shard/],
    ['merge with --format', ['merge', 'a.sarif', '--format', 'json'], /--format is not an option of "leakguard merge"/],
    ['merge with nothing', ['merge'], /merge takes the report files/],
  ];
  it.each(usage)('%s: exit 2 with the usage', (_, args, message) => {
    const run = runCli(args);
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(2);
  });

  it('a baseline keys the shards\' hashes (its salt) and is applied by merge --baseline exactly as by an unsharded run', () => {
    const corpus = corpora.tree!;
    const baseline = join(out, 'baseline.json');
    expect(runCli([...corpus.args, '--write-baseline', baseline, '--quiet'], { cwd: corpus.cwd }).status).toBe(0);
    // Half the findings in the baseline: the rest are still reported.
    const doc = JSON.parse(readFileSync(baseline, 'utf8'));
    doc.entries = doc.entries.filter((_: unknown, i: number) => i % 2 === 0);
    writeFileSync(baseline, JSON.stringify(doc));
    const whole = report(corpus, 'json', ['--baseline', baseline]);
    // A shard given the baseline hashes with its salt and still reports every finding of its part.
    const shards = shardFiles(corpus, 'json', 3, ['--baseline', baseline]);
    expect(shards.map((f) => readFileSync(f, 'utf8')).join('')).not.toMatch(/findings recorded in the baseline/);
    const merged = merge(shards, ['--baseline', baseline]);
    expect(merged.status).toBe(0);
    expect(untimed(merged.text)).toBe(untimed(whole));
    expect(merged.text).toMatch(/findings recorded in the baseline/);

    // The config's baseline does the same on a shard: it keys the hashes and is not applied there.
    const configured = makeProject({ 'leakguard.yaml': `baseline: ${baseline}\n`, 'a.js': 'x\n' });
    const shard = runCli(['scan', '.', '--shard', '1/2', '--format', 'json'], { cwd: configured });
    expect(shard.status, shard.stderr).toBe(0);
    expect(shard.stdout).not.toMatch(/findings recorded in the baseline/);
  });

  it('merge exits as the unsharded run would: 1 for findings at or above --fail-on, 0 with none', () => {
    const files = shardFiles(corpora.example!, 'json', 2);
    expect(runCli(['merge', ...files, '--output', outFile('json'), '--quiet']).status).toBe(1);
    expect(runCli(['merge', ...files, '--output', outFile('json'), '--quiet', '--fail-on', 'none']).status).toBe(0);
  });
});
