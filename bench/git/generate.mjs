// Generates the history-scan benchmark repository with `git fast-import`: COMMITS commits on main
// plus merged feature branches, about TARGET_MB of unique blob content, and planted secrets (AWS key
// pairs git-secrets also knows, and PEM private keys) some of which are deleted later. Deterministic
// (a seeded PRNG), cached under .bench/git-history/ and rebuilt only when the parameters change.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PARAMS = { version: 4, commits: 5000, filesPerCommit: 3, blobKb: 14.5, paths: 600, seed: 20261123, plantEvery: 97, branchEvery: 400 };

function prng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

const WORDS = 'const let return await async function handler event context bucket table queue topic region account role policy effect allow resource action principal statement lambda runtime memory timeout environment variable secret parameter store rotation key alias deletion window logging metrics trace span error retry backoff jitter request response status header body json yaml terraform module provider output variable locals data source resource stack template parameters outputs mappings conditions transform serverless functions events http path method cors authorizer'.split(' ');
const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pick(rand, s, n) {
  let out = '';
  for (let i = 0; i < n; i++) out += s[Math.floor(rand() * s.length)];
  return out;
}

function pathFor(i) {
  switch (i % 4) {
    case 0: return `src/service_${i}/handler.js`;
    case 1: return `config/service_${i}.yml`;
    case 2: return `infra/stack_${i}.tf`;
    default: return `docs/notes_${i}.md`;
  }
}

function commentFor(path) {
  return path.endsWith('.js') ? '//' : path.endsWith('.md') ? '' : '#';
}

function word(rand) {
  return WORDS[Math.floor(rand() * WORDS.length)];
}

function sentence(rand) {
  let line = '';
  const words = 6 + Math.floor(rand() * 8);
  for (let w = 0; w < words; w++) line += (w ? ' ' : '') + word(rand) + (rand() < 0.2 ? Math.floor(rand() * 1000) : '');
  return line;
}

/** One syntactically plausible chunk of the file's language (real repositories hold valid files). */
function chunk(rand, path, i) {
  const name = `${word(rand)}_${i}`;
  if (path.endsWith('.tf')) {
    return [`resource "aws_s3_bucket" "${name}" {`, `  bucket = "${word(rand)}-${word(rand)}-${Math.floor(rand() * 1e6)}"`, `  tags = {`, `    Name  = "${sentence(rand)}"`, `    Owner = "${word(rand)}"`, `  }`, `}`, ''];
  }
  if (path.endsWith('.yml')) {
    return [`${name}:`, `  description: "${sentence(rand)}"`, `  timeout: ${Math.floor(rand() * 900)}`, `  memorySize: ${128 * (1 + Math.floor(rand() * 8))}`, `  tags: [${word(rand)}, ${word(rand)}]`];
  }
  if (path.endsWith('.js')) {
    return [`export async function ${name}(event) {`, `  // ${sentence(rand)}`, `  const ${word(rand)}Value = event.${word(rand)} ?? ${Math.floor(rand() * 1000)};`, `  return { status: 200, body: JSON.stringify({ ${word(rand)}: "${sentence(rand)}" }) };`, `}`, ''];
  }
  return [`## ${sentence(rand)}`, '', sentence(rand) + ' ' + sentence(rand) + '.', ''];
}

function blobText(rand, path, commitNo, bytes) {
  const lines = [`${commentFor(path)} ${path} revision ${commitNo}`];
  let size = lines[0].length;
  for (let i = 0; size < bytes; i++) {
    for (const line of chunk(rand, path, i)) {
      lines.push(line);
      size += line.length + 1;
    }
  }
  return lines;
}

/** The planted lines in the file's own syntax (AWS pairs as attributes / keys; PEM keys where a block fits). */
function plantLines(secret, path) {
  if (secret.kind === 'pem') {
    if (path.endsWith('.tf')) return ['locals {', '  key = <<EOT', ...secret.lines, 'EOT', '}'];
    if (path.endsWith('.yml')) return ['deploy_key: |', ...secret.lines.map((l) => `  ${l}`)];
    if (path.endsWith('.js')) return ['const key = `', ...secret.lines, '`;'];
    return secret.lines;
  }
  const [id, key] = secret.values;
  if (path.endsWith('.tf')) return ['provider "aws" {', `  access_key = "${id}"`, `  aws_secret_access_key = "${key}"`, '}'];
  if (path.endsWith('.yml')) return [`aws_access_key_id: "${id}"`, `aws_secret_access_key: "${key}"`];
  if (path.endsWith('.js')) return [`const aws_access_key_id = "${id}";`, `const aws_secret_access_key = "${key}";`];
  return secret.lines;
}

function plantedSecret(rand, n) {
  if (n % 5 === 4) {
    let body = '';
    for (let i = 0; i < 12; i++) body += pick(rand, ALNUM + '+/', 64) + '\n';
    const key = `-----BEGIN RSA PRIVATE KEY-----\n${body}-----END RSA PRIVATE KEY-----`;
    return { kind: 'pem', values: [key], lines: key.split('\n') };
  }
  const id = `AKIA${pick(rand, UPPER32, 16)}`;
  const secret = pick(rand, ALNUM + '/+', 40);
  return { kind: 'aws', values: [id, secret], lines: [`aws_access_key_id = "${id}"`, `aws_secret_access_key = "${secret}"`] };
}

/** Builds the repository if the cache is missing or stale; returns { repo, planted }. */
export async function ensureRepo(root) {
  const dir = join(root, '.bench', 'git-history');
  const repo = join(dir, 'repo');
  const stamp = join(dir, 'params.json');
  const plantedFile = join(dir, 'planted.json');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === JSON.stringify(PARAMS) && existsSync(plantedFile)) {
    return { repo, planted: JSON.parse(readFileSync(plantedFile, 'utf8')), cached: true };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  spawnSync('git', ['init', '-q', '-b', 'main', repo], { stdio: 'inherit' });
  const fi = spawn('git', ['-C', repo, 'fast-import', '--quiet', '--done'], { stdio: ['pipe', 'inherit', 'inherit'] });
  const exited = new Promise((resolve) => fi.on('close', resolve));
  const write = (s) => (fi.stdin.write(s) ? Promise.resolve() : new Promise((r) => fi.stdin.once('drain', r)));
  const rand = prng(PARAMS.seed);
  const planted = [];
  let mark = 0;
  let mainMark = 0;
  let t = 1700000000;
  const data = (s) => `data ${Buffer.byteLength(s)}\n${s}\n`;
  const commit = async (ref, from, merge, files, message) => {
    mark++;
    t += 600;
    let s = `commit ${ref}\nmark :${mark}\nauthor Bench Dev <dev@example.com> ${t} +0000\ncommitter Bench Dev <dev@example.com> ${t} +0000\n${data(message)}`;
    if (from) s += `from :${from}\n`;
    if (merge) s += `merge :${merge}\n`;
    for (const [path, text] of files) s += `M 100644 inline ${path}\n${data(text)}`;
    await write(s);
    return mark;
  };
  const bytes = Math.round(PARAMS.blobKb * 1024);
  let n = 0;
  let branchNo = 0;
  while (n < PARAMS.commits) {
    n++;
    const files = [];
    for (let f = 0; f < PARAMS.filesPerCommit; f++) {
      const path = pathFor(Math.floor(rand() * PARAMS.paths));
      const lines = blobText(rand, path, n, bytes);
      if (f === 0 && n % PARAMS.plantEvery === 0) {
        const secret = plantedSecret(rand, planted.length);
        // At a chunk boundary, so the file stays valid.
        let at = 1 + Math.floor(rand() * (lines.length - 1));
        while (at < lines.length && lines[at - 1] !== '' && !/^[a-z_0-9]+:$/.test(lines[at] ?? '') && !path.endsWith('.yml')) at++;
        if (path.endsWith('.yml')) while (at < lines.length && !/^[a-z_0-9]+:$/.test(lines[at])) at++;
        const planting = plantLines(secret, path);
        lines.splice(at, 0, ...planting);
        // The line a finding should name: the first line holding a planted value.
        const offset = planting.findIndex((l) => secret.values.some((v) => l.includes(v.split('\n')[0])));
        planted.push({ kind: secret.kind, values: secret.values, path, commitNo: n, line: at + 1 + offset });
      }
      files.push([path, lines.join('\n') + '\n']);
    }
    if (n % PARAMS.branchEvery === 0 && n + 3 <= PARAMS.commits) {
      // A feature branch of two commits, merged back with a merge commit.
      branchNo++;
      const base = mainMark;
      const b1 = await commit(`refs/heads/feature/${branchNo}`, base, 0, files, `feature ${branchNo} part 1`);
      const more = [[pathFor(Math.floor(rand() * PARAMS.paths)), blobText(rand, 'x', n + 1, bytes).join('\n') + '\n']];
      const b2 = await commit(`refs/heads/feature/${branchNo}`, b1, 0, more, `feature ${branchNo} part 2`);
      mainMark = await commit('refs/heads/main', mainMark, b2, [...files, ...more], `merge feature ${branchNo}`);
      n += 2;
      continue;
    }
    mainMark = await commit('refs/heads/main', mainMark, 0, files, `commit ${n}`);
  }
  await write('done\n');
  fi.stdin.end();
  const code = await exited;
  if (code !== 0) throw new Error(`git fast-import failed with ${code}`);
  // Secrets still present at HEAD: the file was not rewritten after the plant.
  writeFileSync(plantedFile, JSON.stringify(planted));
  writeFileSync(stamp, JSON.stringify(PARAMS));
  return { repo, planted, cached: false };
}
