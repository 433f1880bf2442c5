#!/usr/bin/env node
// `node bench/real/setup.mjs`: puts real public material under .bench/real/ (ignored by git) for
// `pnpm bench real`. Nothing here is committed; versions and commits are recorded in
// .bench/real/manifest.json and printed with every result.
//   tree/npm-packages/  an npm tree: aws-cdk-lib and AWS SDK v3 clients with their dependencies,
//                       installed with --ignore-scripts (data only) and moved out of node_modules,
//                       which leakguard never scans
//   tree/iac/<name>/    checkouts of real IaC repositories (HEAD)
//   history/<name>.git  a mirror clone (every ref) of a large real repository
// Repositories come from GitHub, or from local mirrors when LEAKGUARD_BENCH_MIRRORS names a folder
// holding `<owner>+<name>/repo` git directories (a machine without GitHub).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const base = join(root, '.bench', 'real');
export const NPM_PACKAGES = [
  'aws-cdk-lib@2.276.0',
  '@aws-sdk/client-s3@3.1175.0',
  '@aws-sdk/client-lambda@3.1164.0',
  '@aws-sdk/client-dynamodb@3.1169.0',
  '@aws-sdk/client-secrets-manager@3.1164.0',
  '@aws-sdk/client-ssm@3.1169.0',
];
export const IAC_REPOS = ['aws-samples/serverless-patterns', 'serverless/examples', 'terraform-aws-modules/terraform-aws-lambda'];
export const HISTORY_REPO = 'middyjs/middy';

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`);
}
const out = (cmd, args, cwd) => spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 2 ** 28 }).stdout.trim();

function source(repo) {
  const mirrors = process.env.LEAKGUARD_BENCH_MIRRORS;
  if (mirrors) {
    const local = join(mirrors, repo.replace('/', '+'), 'repo');
    if (existsSync(local)) return local;
  }
  return `https://github.com/${repo}.git`;
}

const manifestPath = join(base, 'manifest.json');
const manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : { created: new Date().toISOString(), npm: NPM_PACKAGES, iac: {}, history: {} };

const npmTree = join(base, 'tree', 'npm-packages');
if (!existsSync(npmTree)) {
  const prefix = join(base, 'npm-install');
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), '{"private":true}\n');
  run('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', ...NPM_PACKAGES], prefix);
  mkdirSync(join(base, 'tree'), { recursive: true });
  renameSync(join(prefix, 'node_modules'), npmTree);
  rmSync(prefix, { recursive: true, force: true });
}

/**
 * HEAD's files of a local git directory, written under `dir`. Read blob by blob through one
 * `git cat-file --batch`, because a stored snapshot may lack its largest blobs (those are left out
 * and counted) where a checkout would fail as a whole.
 */
function exportHead(gitDir, dir) {
  const entries = out('git', ['-C', gitDir, 'ls-tree', '-r', '-z', 'HEAD'])
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = line.split('\t');
      const [mode, type, sha] = meta.split(' ');
      return { mode, type, sha, path };
    })
    .filter((e) => e.type === 'blob' && e.mode !== '120000');
  const batch = spawnSync('git', ['-C', gitDir, 'cat-file', '--batch'], { input: entries.map((e) => e.sha).join('\n') + '\n', maxBuffer: 2 ** 31 });
  const buf = batch.stdout;
  let at = 0;
  let missing = 0;
  for (const e of entries) {
    const nl = buf.indexOf(10, at);
    const header = buf.subarray(at, nl).toString();
    at = nl + 1;
    if (header.endsWith(' missing')) {
      missing++;
      continue;
    }
    const size = Number(header.split(' ')[2]);
    const file = join(dir, e.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, buf.subarray(at, at + size));
    at += size + 1;
  }
  return { files: entries.length - missing, missing };
}

for (const repo of IAC_REPOS) {
  const dir = join(base, 'tree', 'iac', repo.split('/')[1]);
  const src = source(repo);
  const entry = { source: src.startsWith('https://') ? src : 'local mirror' };
  if (!existsSync(dir)) {
    if (src.startsWith('https://')) {
      run('git', ['clone', '-q', '--depth', '1', src, dir]);
      entry.commit = out('git', ['-C', dir, 'rev-parse', 'HEAD']);
      // The checkout's .git is not part of the tree a user scans.
      rmSync(join(dir, '.git'), { recursive: true, force: true });
    } else {
      Object.assign(entry, exportHead(src, dir));
      entry.commit = out('git', ['-C', src, 'rev-parse', 'HEAD']);
    }
    manifest.iac[repo] = entry;
  }
}

// The tree is a repository of its own, as the checkout a user scans would be, so nothing of this
// workspace (its .gitignore ignores .bench/, its tracked files) takes part in the measurement.
if (!existsSync(join(base, 'tree', '.git'))) run('git', ['init', '-q', join(base, 'tree')]);

const history = join(base, 'history', `${HISTORY_REPO.split('/')[1]}.git`);
if (!existsSync(history)) run('git', ['clone', '-q', '--mirror', source(HISTORY_REPO), history]);
manifest.history[HISTORY_REPO] = { commit: out('git', ['-C', history, 'rev-parse', 'HEAD']) };

writeFileSync(manifestPath, JSON.stringify(manifest, null, 1) + '\n');
console.log(`real material ready under ${base}`);
