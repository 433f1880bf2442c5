#!/usr/bin/env node
// `pnpm bench git`: leakguard history against the floor (`git cat-file --batch-all-objects --batch`
// to /dev/null) and beside `git secrets --scan-history` (Debian's git-secrets, --register-aws), in one
// run on one generated repository: wall time, MB/s of unique blob content, peak memory (max RSS, via
// /usr/bin/time), planted secrets found; then history --cache twice. Targets: leakguard within 3x of
// the floor; the second --cache run >= 10x faster than the first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { secretHash } from '@leakguard/core';
import { ensureRepo, PARAMS } from './generate.mjs';
import { machineLine, measure as measureIn } from '../support/measure.mjs';
import { cachedHistoryRuns, cachedVerdict } from '../support/cached-history.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'packages', 'cli', 'dist', 'bin.js');
const started = Date.now();
const { repo, planted, cached } = await ensureRepo(root);
console.log(`repository: ${repo} (${cached ? 'cached' : `generated in ${((Date.now() - started) / 1000).toFixed(1)}s`})`);

// Unique blob content, the unit of MB/s.
const check = spawnSync('git', ['-C', repo, 'cat-file', '--batch-all-objects', '--batch-check=%(objecttype) %(objectsize)'], { maxBuffer: 1 << 28 });
let blobBytes = 0;
let blobs = 0;
for (const line of check.stdout.toString().split('\n')) {
  const [type, size] = line.split(' ');
  if (type === 'blob') {
    blobs++;
    blobBytes += Number(size);
  }
}
const commits = Number(spawnSync('git', ['-C', repo, 'rev-list', '--all', '--count']).stdout.toString().trim());
const mb = blobBytes / 1048576;
console.log(`${commits} commits, ${blobs} unique blobs, ${mb.toFixed(1)} MB of blob content, ${planted.length} planted secrets (${planted.filter((p) => p.kind === 'aws').length} AWS key pairs, ${planted.filter((p) => p.kind === 'pem').length} PEM keys)`);
if (commits < 5000 || mb < 200) console.log(`WARNING: below the issue's floor of 5,000 commits and 200 MB`);

const measure = (script) => measureIn(script, repo);

const rows = [];
const row = (tool, r, found, total, note = '') => rows.push({ tool, seconds: r.seconds, mbps: mb / Math.max(r.seconds, 0.001), rssMb: r.rssMb, found: found === undefined ? 'n/a' : `${found}/${total}`, note });

// Warm the page cache once so the first measured tool is not penalised.
spawnSync('sh', ['-c', 'git cat-file --batch-all-objects --batch > /dev/null'], { cwd: repo });

const floor = measure('git cat-file --batch-all-objects --batch > /dev/null');
row('floor: git cat-file --batch-all-objects --batch', floor);

const out = join(mkdtempSync(join(tmpdir(), 'lg-bench-')), 'history.json');
const lg = measure(`node ${JSON.stringify(cli)} history . --format json --output ${JSON.stringify(out)} --fail-on none --quiet`);
if (lg.code !== 0) throw new Error(`leakguard history exited ${lg.code}: ${lg.stderr.slice(0, 2000)}`);
const report = JSON.parse(readFileSync(out, 'utf8'));
rmSync(out, { force: true });
const hashes = new Set(report.findings.map((f) => f.secret?.hash).filter(Boolean));
const foundBy = (p) => p.values.some((v) => hashes.has(secretHash(v)));
const lgFound = planted.filter(foundBy).length;
const lgAws = planted.filter((p) => p.kind === 'aws' && foundBy(p)).length;
const lgPem = planted.filter((p) => p.kind === 'pem' && foundBy(p)).length;
// Attribution: the finding for a planted secret should name the commit and line it was planted at.
const byHash = new Map(report.findings.filter((f) => f.secret).map((f) => [f.secret.hash, f]));
let attributed = 0;
for (const p of planted) {
  const f = p.values.map((v) => byHash.get(secretHash(v))).find(Boolean);
  if (f && f.location.path === p.path && f.location.startLine === p.line) attributed++;
}
row('leakguard history', lg, lgFound, planted.length, `AWS ${lgAws}, PEM ${lgPem}; ${attributed} at the planted path and line; ${report.findings.length} findings in all`);

// The same history twice with --cache: the first run fills an empty cache, the second reads it.
const cachedRuns = cachedHistoryRuns(cli, '.', repo, report.findings);
row('leakguard history --cache, first run (empty cache)', cachedRuns.first, undefined, undefined, `CPU ${cachedRuns.first.cpuSeconds.toFixed(2)} s`);
row('leakguard history --cache, second run', cachedRuns.second, undefined, undefined, `CPU ${cachedRuns.second.cpuSeconds.toFixed(2)} s; findings ${cachedRuns.same ? 'identical' : 'DIFFER'}`);

// Breakdown: the walk plus the secret engine alone (no IaC scanners, one thread).
const so = measure(`node ${JSON.stringify(join(root, 'bench', 'git', 'secrets-only.mjs'))} .`);
if (so.code === 0) {
  const r = JSON.parse(so.stdout.trim().split('\n').pop());
  row('breakdown: history walk + secret engine only (no IaC checks, 1 thread)', so, undefined, undefined, `${r.blobs} text blobs, ${r.matches} raw matches`);
}

let gs;
const gsAvailable = spawnSync('git', ['secrets', '--list'], { cwd: repo }).status !== null && existsSync('/usr/bin/git-secrets');
if (gsAvailable) {
  spawnSync('git', ['config', '--unset-all', 'secrets.patterns'], { cwd: repo });
  spawnSync('git', ['config', '--unset-all', 'secrets.allowed'], { cwd: repo });
  spawnSync('git', ['secrets', '--register-aws'], { cwd: repo });
  gs = measure('git secrets --scan-history 2>&1');
  const text = gs.stdout;
  const gsFound = planted.filter((p) => p.values.some((v) => text.includes(v))).length;
  row('git secrets --scan-history (--register-aws)', gs, gsFound, planted.length, `exit ${gs.code}; AWS patterns only (no private keys)`);
} else {
  console.log('git-secrets is not installed (apt-get install git-secrets): skipped');
}

console.log(`\nparams: ${JSON.stringify(PARAMS)}`);
console.log('\n| tool | wall s | MB/s (unique blobs) | peak RSS MB | planted found | notes |');
console.log('|---|---:|---:|---:|---:|---|');
for (const r of rows) console.log(`| ${r.tool} | ${r.seconds.toFixed(2)} | ${r.mbps.toFixed(1)} | ${r.rssMb.toFixed(0)} | ${r.found} | ${r.note} |`);
const ratio = lg.seconds / Math.max(floor.seconds, 0.001);
console.log(`\nleakguard history / floor = ${ratio.toFixed(2)}x (target: within 3x) ${ratio <= 3 ? 'MET' : 'NOT MET'}`);
if (so.code === 0) console.log(`secret path alone / floor = ${(so.seconds / Math.max(floor.seconds, 0.001)).toFixed(2)}x`);
console.log(cachedVerdict(cachedRuns));
console.log(machineLine());
