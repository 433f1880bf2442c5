#!/usr/bin/env node
// `pnpm bench secrets`: leakguard's secret scan against secretlint (recommended preset) and ripgrep
// (the union of the catalog's keywords: the floor any keyword-prefiltered scanner pays), on a
// generated, reproducible corpus with planted secrets. Prints MB/s, the leakguard/secretlint
// ratio and recall. Environment: BENCH_SECRETS_MB (corpus size, default 200),
// BENCH_SECRETS_JOBS (leakguard --jobs, default: the cores), BENCH_SECRETS_RUNS (default 3; the
// median is reported), BENCH_SECRETS_SKIP_SECRETLINT=1.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './corpus.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '..', '..');
const root = join(repo, '.bench', 'secrets');
const cli = join(repo, 'packages', 'cli', 'dist', 'bin.js');
const MB = Number(process.env.BENCH_SECRETS_MB ?? 200);
const jobs = process.env.BENCH_SECRETS_JOBS ?? String(availableParallelism());
const TARGET_MBPS = 100;

if (!existsSync(cli)) {
  console.error('bench/secrets: build first (pnpm build); missing', cli);
  process.exit(2);
}
mkdirSync(root, { recursive: true });
let t = performance.now();
const manifest = ensureCorpus(root, MB);
const corpus = join(root, 'corpus');
// The named slice secretlint runs on (it is several times slower): the first three 10 MB parts.
const sliceParts = ['part-000', 'part-001', 'part-002'].filter((p) => existsSync(join(root, 'corpus', p)));
const slice = sliceParts.length === 1 ? sliceParts[0] : `${sliceParts[0]}..${sliceParts.at(-1).slice(5)}`;
console.log(`corpus: ${(manifest.bytes / 1048576).toFixed(1)} MB in ${manifest.files} files, ${manifest.planted.length} planted secrets (${((performance.now() - t) / 1000).toFixed(1)} s to generate or check) at ${corpus}`);

function dirBytes(dir) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return total;
}
const sliceBytes = sliceParts.reduce((a, p) => a + dirBytes(join(corpus, p)), 0);

/** Runs a command in the corpus folder; returns wall seconds (and its exit status). */
function timed(cmd, args, options = {}) {
  const start = performance.now();
  const run = spawnSync(cmd, args, { cwd: corpus, encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const seconds = (performance.now() - start) / 1000;
  if (run.error) throw run.error;
  return { seconds, status: run.status, stdout: run.stdout, stderr: run.stderr };
}
const mbps = (bytes, seconds) => bytes / 1048576 / seconds;

// ---------------------------------------------------------------- ripgrep floor
const { loadCatalog } = await import(join(repo, 'packages', 'core', 'dist', 'index.js'));
const keywords = [...new Set(loadCatalog().flatMap((r) => r.keywords))].sort();
const kwFile = join(root, 'keywords.txt');
writeFileSync(kwFile, keywords.join('\n') + '\n');
let rg;
if (spawnSync('rg', ['--version']).status === 0) {
  timed('rg', ['-i', '-F', '-c', '-f', kwFile, '.']); // warm the page cache
  rg = timed('rg', ['-i', '-F', '-c', '-f', kwFile, '.']);
} else console.log('rg: not installed (apt-get install -y ripgrep); skipped');

// ---------------------------------------------------------------- leakguard, whole corpus
const out = join(root, 'leakguard.json');
// The parts are named one by one: discovery treats the corpus folder itself as inside this project
// (whose .gitignore ignores .bench/), while each part's parent holds the corpus's own .git marker.
const parts = readdirSync(corpus).filter((d) => d.startsWith('part-')).sort();
// The machine may be shared: run RUNS times and report the median (and the best).
const RUNS = Number(process.env.BENCH_SECRETS_RUNS ?? 3);
const runs = [];
for (let i = 0; i < RUNS; i++) {
  const run = timed(process.execPath, [cli, 'scan', ...parts, '-f', 'json', '-q', '--fail-on', 'none', '-j', jobs, '-o', out]);
  if (run.status !== 0) {
    console.error('leakguard failed:', run.stderr);
    process.exit(1);
  }
  runs.push(run);
}
runs.sort((a, b) => a.seconds - b.seconds);
const lg = runs[Math.floor((runs.length - 1) / 2)];
const lgBest = runs[0];
const report = JSON.parse(readFileSync(out, 'utf8'));
const found = new Set(report.findings.map((f) => `${f.location.path}:${f.location.startLine}:${f.ruleId}`));
const missed = manifest.planted.filter((p) => !p.rules.some((rule) => found.has(`${p.path}:${p.line}:${rule}`)));
const lgRecall = (manifest.planted.length - missed.length) / manifest.planted.length;

// ---------------------------------------------------------------- the slice: leakguard vs secretlint
const lgSliceOut = join(root, 'leakguard-slice.json');
const lgSlice = timed(process.execPath, [cli, 'scan', ...sliceParts, '-f', 'json', '-q', '--fail-on', 'none', '-j', jobs, '-o', lgSliceOut]);
let sl;
let slRecall;
const slBin = join(repo, 'bench', 'node_modules', '.bin', 'secretlint');
if (process.env.BENCH_SECRETS_SKIP_SECRETLINT !== '1' && existsSync(slBin)) {
  const rc = join(root, 'secretlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const slOut = join(root, 'secretlint.json');
  sl = timed(slBin, ['--secretlintrc', rc, '--format', 'json', '--output', slOut, ...sliceParts.map((p) => `${p}/**/*`)]);
  if (sl.status !== 0 && sl.status !== 1) {
    console.error('secretlint failed:', sl.stderr.slice(0, 2000));
    sl = undefined;
  } else {
    const results = JSON.parse(readFileSync(slOut, 'utf8'));
    const slFound = new Set(results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(corpus.length + 1)}:${m.loc.start.line}`)));
    const inSlice = manifest.planted.filter((p) => sliceParts.some((part) => p.path.startsWith(`${part}/`)));
    slRecall = { found: inSlice.filter((p) => slFound.has(`${p.path}:${p.line}`)).length, of: inSlice.length };
  }
} else console.log('secretlint: skipped');

// ---------------------------------------------------------------- report
const row = (name, bytes, r, note = '') => console.log(`${name.padEnd(34)} ${(bytes / 1048576).toFixed(1).padStart(7)} MB ${r.seconds.toFixed(2).padStart(7)} s ${mbps(bytes, r.seconds).toFixed(1).padStart(8)} MB/s  ${note}`);
console.log(`\nmachine: ${availableParallelism()} cores; leakguard --jobs ${jobs}; node ${process.version}`);
if (rg) row('rg -i -F -f <keywords> (floor)', manifest.bytes, rg, `${keywords.length} keywords`);
row(`leakguard scan (whole corpus, median of ${runs.length})`, manifest.bytes, lg, `${report.findings.length} findings; recall ${(manifest.planted.length - missed.length)}/${manifest.planted.length}`);
if (runs.length > 1) row('leakguard scan (whole corpus, best)', manifest.bytes, lgBest);
row(`leakguard scan (slice ${slice})`, sliceBytes, lgSlice);
if (sl) {
  row(`secretlint preset-recommend (${slice})`, sliceBytes, sl, slRecall ? `recall ${slRecall.found}/${slRecall.of} of the slice's planted secrets` : '');
  console.log(`ratio leakguard/secretlint on ${slice}: ${(sl.seconds / lgSlice.seconds).toFixed(1)}x faster`);
}
const fullMbps = mbps(manifest.bytes, lg.seconds);
console.log(`recall: ${(lgRecall * 100).toFixed(1)}% of ${manifest.planted.length} planted secrets`);
for (const m of missed.slice(0, 10)) console.log(`  missed ${m.kind} at ${m.path}:${m.line}`);
console.log(`target >= ${TARGET_MBPS} MB/s: ${fullMbps >= TARGET_MBPS ? 'met' : `MISSED (${fullMbps.toFixed(1)} MB/s)`}; target recall 100%: ${missed.length === 0 ? 'met' : `MISSED (${missed.length} not found)`}`);
writeFileSync(join(root, 'result.json'), JSON.stringify({ corpusBytes: manifest.bytes, planted: manifest.planted.length, leakguard: { seconds: lg.seconds, bestSeconds: lgBest.seconds, runs: runs.map((r) => r.seconds), mbps: fullMbps, recall: lgRecall, jobs }, slice: { bytes: sliceBytes, leakguardSeconds: lgSlice.seconds, secretlintSeconds: sl?.seconds, secretlintRecall: slRecall }, rg: rg && { seconds: rg.seconds, mbps: mbps(manifest.bytes, rg.seconds) } }, null, 1));
process.exit(missed.length === 0 ? 0 : 1);
