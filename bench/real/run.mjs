#!/usr/bin/env node
// `pnpm bench real`: leakguard on real public material (node bench/real/setup.mjs puts it under
// .bench/real/ first), beside the floors in the same run:
//   tree     an npm tree (aws-cdk-lib, AWS SDK v3 clients) plus real IaC repositories: MB/s, files/s,
//            peak RSS, and the ratio to `rg -i -F` with the catalog's keywords
//   iac      the IaC repositories alone: files/s
//   history  every ref of a large real repository: the ratio to `git cat-file --batch-all-objects
//            --batch` and to the `git log --all --raw` walk, and beside `git secrets --scan-history`
//            (and twice with --cache: the second run against the first)
// Targets (issue 13): tree >= 100 MB/s and within 4x of rg; IaC >= 5,000 files/s; peak RSS <= 300 MB;
// history within 4x of cat-file and >= 3x faster than git-secrets; the second history --cache >= 10x
// faster than the first.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '@leakguard/core';
import { machineLine, measure } from '../support/measure.mjs';
import { cachedHistoryRuns, cachedVerdict } from '../support/cached-history.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const base = join(root, '.bench', 'real');
const cli = join(root, 'packages', 'cli', 'dist', 'bin.js');
if (!existsSync(join(base, 'manifest.json'))) {
  // `pnpm bench` runs every suite: without the material this one is skipped, and says how to get it.
  console.log('bench real: skipped, no material under .bench/real (run `node bench/real/setup.mjs` first)');
  process.exit(0);
}
const manifest = JSON.parse(readFileSync(join(base, 'manifest.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'lg-bench-real-'));
const q = JSON.stringify;
const rows = [];
const verdicts = [];
const MB = 1048576;

/** leakguard on `args`, run twice (the first warms the page cache); the report's stats and the time. */
function leakguard(name, args) {
  const out = join(work, `${name}.json`);
  const cmd = `node ${q(cli)} ${args} --format json --output ${q(out)} --fail-on none --quiet`;
  measure(cmd, base);
  const r = measure(cmd, base);
  if (r.code !== 0) throw new Error(`leakguard ${args} exited ${r.code}: ${r.stderr.slice(0, 2000)}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  return { ...r, summary: report.summary, findings: report.findings.length, report };
}

const keywords = [...new Set(loadCatalog().flatMap((r) => r.keywords))].sort();
const kwFile = join(work, 'keywords.txt');
writeFileSync(kwFile, keywords.join('\n') + '\n');
const rg = (dir) => {
  measure(`rg -i -F -c -f ${q(kwFile)} ${q(dir)} > /dev/null`, base);
  return measure(`rg -i -F -c -f ${q(kwFile)} ${q(dir)} > /dev/null`, base);
};
const haveRg = measure('rg --version > /dev/null', base).code === 0;

// 1. The source tree.
const tree = leakguard('tree', 'scan tree');
const treeMb = tree.summary.bytesScanned / MB;
rows.push(['tree: leakguard scan', tree, `${tree.summary.filesScanned} files, ${treeMb.toFixed(1)} MB scanned, ${(treeMb / tree.seconds).toFixed(1)} MB/s, ${Math.round(tree.summary.filesScanned / tree.seconds)} files/s, ${tree.findings} findings`]);
if (haveRg) {
  const floor = rg('tree');
  rows.push([`tree: rg -i -F (${keywords.length} keywords), the floor`, floor, `${(treeMb / floor.seconds).toFixed(1)} MB/s over the same bytes`]);
  verdicts.push(['tree within 4x of rg', tree.seconds / floor.seconds, 4]);
}
verdicts.push(['tree MB/s >= 100', treeMb / tree.seconds, 100, 'min']);
verdicts.push(['tree peak RSS MB <= 300', tree.rssMb, 300]);

// 2. The IaC repositories alone.
const iac = leakguard('iac', 'scan tree/iac');
const iacRate = iac.summary.filesScanned / iac.seconds;
rows.push(['iac: leakguard scan', iac, `${iac.summary.filesScanned} files, ${Math.round(iacRate)} files/s, ${iac.findings} findings`]);
if (haveRg) rows.push(['iac: rg -i -F, the floor', rg('tree/iac'), '']);
verdicts.push(['IaC files/s >= 5000', iacRate, 5000, 'min']);

// 3. History.
for (const [repo] of Object.entries(manifest.history)) {
  const git = join(base, 'history', `${repo.split('/')[1]}.git`);
  const blobs = measure(`git -C ${q(git)} cat-file --batch-all-objects --batch-check='%(objecttype) %(objectsize)'`, base)
    .stdout.split('\n')
    .filter((l) => l.startsWith('blob '));
  const blobMb = blobs.reduce((n, l) => n + Number(l.split(' ')[1]), 0) / MB;
  const commits = measure(`git -C ${q(git)} rev-list --all --count`, base).stdout.trim();
  measure(`git -C ${q(git)} cat-file --batch-all-objects --batch > /dev/null`, base);
  const catFile = measure(`git -C ${q(git)} cat-file --batch-all-objects --batch > /dev/null`, base);
  const walk = measure(`git -C ${q(git)} log --all --raw --no-abbrev --format=%H > /dev/null`, base);
  const lg = leakguard('history', `history ${q(git)}`);
  rows.push([`history ${repo}: git cat-file --batch-all-objects --batch (floor)`, catFile, `${commits} commits, ${blobs.length} blobs, ${blobMb.toFixed(0)} MB`]);
  rows.push([`history ${repo}: git log --all --raw (the walk)`, walk, `${(walk.seconds / catFile.seconds).toFixed(2)}x the floor`]);
  rows.push([`history ${repo}: leakguard history`, lg, `${(blobMb / lg.seconds).toFixed(1)} MB/s of unique blobs, ${lg.findings} findings`]);
  verdicts.push([`history within 4x of cat-file`, lg.seconds / catFile.seconds, 4]);
  // The same history twice with --cache: the first run fills an empty cache, the second reads it.
  const cached = cachedHistoryRuns(cli, q(git), base, lg.report.findings);
  rows.push([`history ${repo}: leakguard history --cache, first run (empty cache)`, cached.first, `CPU ${cached.first.cpuSeconds.toFixed(2)} s`]);
  rows.push([`history ${repo}: leakguard history --cache, second run`, cached.second, `CPU ${cached.second.cpuSeconds.toFixed(2)} s; ${cachedVerdict(cached)}`]);
  verdicts.push(['second history --cache run >= 10x faster than the first (wall)', cached.same ? cached.wallRatio : 0, 10, 'min']);
  if (existsSync('/usr/bin/git-secrets')) {
    const checkout = join(work, 'gs');
    measure(`git clone -q ${q(git)} ${q(checkout)} && cd ${q(checkout)} && git secrets --register-aws > /dev/null`, base);
    const gs = measure('git secrets --scan-history > /dev/null 2>&1', checkout);
    rows.push([`history ${repo}: git secrets --scan-history (--register-aws)`, gs, `exit ${gs.code}`]);
    verdicts.push(['history >= 3x faster than git-secrets', gs.seconds / lg.seconds, 3, 'min']);
  }
}

console.log(`material: ${JSON.stringify(manifest)}`);
console.log('\n| what | wall s | peak RSS MB | notes |\n|---|---:|---:|---|');
for (const [name, r, note] of rows) console.log(`| ${name} | ${r.seconds.toFixed(2)} | ${Number.isNaN(r.rssMb) ? '–' : r.rssMb.toFixed(0)} | ${note} |`);
console.log('');
for (const [name, value, target, kind] of verdicts) {
  const met = kind === 'min' ? value >= target : value <= target;
  console.log(`${name}: ${value.toFixed(2)} ${met ? 'MET' : 'NOT MET'}`);
}
console.log(machineLine());
rmSync(work, { recursive: true, force: true });
