#!/usr/bin/env node
// `pnpm bench shard`: `leakguard history --shard K/N` on the git suite's generated repository, for
// N = 1, 2, 4 and 8, every shard run one after another on this machine, then `leakguard merge`.
// Reports each shard's wall time, peak RSS and bytes, the merge's time, and the projected wall time
// on N parallel runners, max(shard) + merge, against one unsharded run; checks that the merged
// report is the unsharded one (timing fields and run id aside).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRepo, PARAMS } from '../git/generate.mjs';
import { machineLine, measure as measureIn } from '../support/measure.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'packages', 'cli', 'dist', 'bin.js');
const SHARDS = [1, 2, 4, 8];
const { repo, cached } = await ensureRepo(root);
console.log(`repository: ${repo} (${cached ? 'cached' : 'generated'}), params ${JSON.stringify(PARAMS)}`);
const out = mkdtempSync(join(tmpdir(), 'lg-bench-shard-'));

/** Runs the CLI with `args` in the repository: wall seconds and peak RSS MB (bench/support/measure.mjs). */
function measure(args) {
  const r = measureIn(`${JSON.stringify(process.execPath)} ${[cli, ...args].map((a) => JSON.stringify(a)).join(' ')}`, repo);
  if (r.code !== 0) throw new Error(`leakguard ${args.join(' ')} exited ${r.code}: ${r.stderr.slice(0, 2000)}`);
  return r;
}

const untimed = (text) => text.replace(/"durationMs": \d+/g, '').replace(/("id": "leakguard\/[\w./-]+\/)[0-9a-f-]{36}"/g, '$1RUN"');

// Warm the page cache so the first run is not penalised.
spawnSync('sh', ['-c', 'git cat-file --batch-all-objects --batch > /dev/null'], { cwd: repo });

const wholeFile = join(out, 'whole.sarif');
const whole = measure(['history', '.', '--format', 'sarif', '--output', wholeFile, '--fail-on', 'none', '--quiet']);
const wholeText = untimed(readFileSync(wholeFile, 'utf8'));
console.log(`unsharded: ${whole.seconds.toFixed(2)} s, ${whole.rssMb.toFixed(0)} MB peak RSS`);

const rows = [];
for (const n of SHARDS) {
  const files = [];
  const shards = [];
  for (let k = 1; k <= n; k++) {
    const file = join(out, `shard-${n}-${k}.sarif`);
    const m = measure(['history', '.', '--shard', `${k}/${n}`, '--format', 'sarif', '--output', file, '--fail-on', 'none', '--quiet']);
    const record = JSON.parse(readFileSync(file, 'utf8')).runs[0].properties['leakguard/shard'];
    shards.push({ ...m, mb: record.stats.bytesScanned / 1048576 });
    files.push(file);
  }
  const mergedFile = join(out, `merged-${n}.sarif`);
  const merge = measure(['merge', ...files, '--output', mergedFile, '--fail-on', 'none', '--quiet']);
  const identical = untimed(readFileSync(mergedFile, 'utf8')) === wholeText;
  const slowest = Math.max(...shards.map((s) => s.seconds));
  rows.push({ n, shards, merge, projected: slowest + merge.seconds, identical });
  console.log(`N=${n}: shards ${shards.map((s) => `${s.seconds.toFixed(2)}s/${s.mb.toFixed(1)}MB`).join(' ')}; merge ${merge.seconds.toFixed(2)} s; identical to unsharded: ${identical}`);
}
rmSync(out, { recursive: true, force: true });

console.log('\n| N | each shard: wall s (MB of blobs) | shard peak RSS MB (max) | merge s | projected wall = max(shard) + merge | vs unsharded | merged = unsharded |');
console.log('|---:|---|---:|---:|---:|---:|---|');
for (const r of rows) {
  console.log(
    `| ${r.n} | ${r.shards.map((s) => `${s.seconds.toFixed(2)} (${s.mb.toFixed(1)})`).join(', ')} | ${Math.max(...r.shards.map((s) => s.rssMb)).toFixed(0)} | ${r.merge.seconds.toFixed(2)} | ${r.projected.toFixed(2)} s | ${(whole.seconds / r.projected).toFixed(2)}x | ${r.identical ? 'yes' : 'NO'} |`,
  );
}
console.log(`\nunsharded: ${whole.seconds.toFixed(2)} s, ${whole.rssMb.toFixed(0)} MB peak RSS`);
console.log(`${machineLine()}; the shards ran one after another`);
if (rows.some((r) => !r.identical)) process.exit(1);
