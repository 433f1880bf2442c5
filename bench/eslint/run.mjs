#!/usr/bin/env node
// `pnpm bench eslint`: lints two real codebases installed as dependencies of the bench package,
// TypeScript's own lib/*.d.ts (TS, through @typescript-eslint/parser) and ESLint's own lib/**/*.js
// (JS, ESLint's default parser), with eslint-plugin-leakguard's `recommended` rules and
// eslint-plugin-no-secrets' `no-secrets/no-secrets` in the same run (same parse, same files), and
// prints ESLint's own per-rule timings (the Node API's `stats` option, the data behind TIMING=all).
// Target: the whole recommended set costs less than `no-secrets/no-secrets` alone.
// The corpus is copied once under .bench/eslint/ (ESLint ignores node_modules); a stamp says from which versions.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import leakguard from 'eslint-plugin-leakguard';
import noSecrets from 'eslint-plugin-no-secrets';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url));
const base = join(root, '.bench', 'eslint');
const corpus = join(base, 'corpus');
const runs = Number(process.env.BENCH_ESLINT_RUNS ?? 1);

const tsDir = dirname(require.resolve('typescript/package.json'));
const eslintDir = dirname(require.resolve('eslint/package.json'));
const tsVersion = JSON.parse(readFileSync(join(tsDir, 'package.json'), 'utf8')).version;
const eslintVersion = JSON.parse(readFileSync(join(eslintDir, 'package.json'), 'utf8')).version;
const stamp = `typescript@${tsVersion} eslint@${eslintVersion} v1`;

function prepareCorpus() {
  const stampFile = join(base, 'stamp');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;
  rmSync(corpus, { recursive: true, force: true });
  mkdirSync(join(corpus, 'typescript-lib'), { recursive: true });
  for (const f of readdirSync(join(tsDir, 'lib'))) {
    if (f.endsWith('.d.ts')) cpSync(join(tsDir, 'lib', f), join(corpus, 'typescript-lib', f));
  }
  cpSync(join(eslintDir, 'lib'), join(corpus, 'eslint-lib'), { recursive: true, filter: (src) => !src.endsWith('.d.ts') });
  writeFileSync(stampFile, stamp);
}

prepareCorpus();

const leakguardRules = Object.keys(leakguard.configs.recommended.rules);
const config = [
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
  { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } },
  { files: ['**/*.{js,ts}'], plugins: { leakguard, 'no-secrets': noSecrets }, rules: { ...leakguard.configs.recommended.rules, 'no-secrets/no-secrets': 'error' } },
];

function sizeOf(dir) {
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !/\.(js|ts)$/.test(e.name)) continue;
    files++;
    bytes += readFileSync(join(e.parentPath ?? e.path, e.name)).length;
  }
  return { files, bytes };
}

async function lint(target) {
  const eslint = new ESLint({ cwd: corpus, overrideConfigFile: true, overrideConfig: config, stats: true, warnIgnored: false });
  const t0 = performance.now();
  const results = await eslint.lintFiles([target]);
  const wall = performance.now() - t0;
  const ruleMs = new Map();
  const findings = new Map();
  let parseMs = 0;
  for (const r of results) {
    for (const pass of r.stats?.times?.passes ?? []) {
      parseMs += pass.parse?.total ?? 0;
      for (const [id, t] of Object.entries(pass.rules ?? {})) ruleMs.set(id, (ruleMs.get(id) ?? 0) + t.total);
    }
    for (const m of r.messages) if (m.ruleId) findings.set(m.ruleId, (findings.get(m.ruleId) ?? 0) + 1);
    const fatal = r.messages.find((m) => m.fatal);
    if (fatal) console.error(`  parse error in ${r.filePath}: ${fatal.message}`);
  }
  return { wall, parseMs, ruleMs, findings };
}

const fmt = (ms) => `${ms.toFixed(1).padStart(9)} ms`;
let allMet = true;
for (const target of ['typescript-lib', 'eslint-lib']) {
  const { files, bytes } = sizeOf(join(corpus, target));
  console.log(`\n${target}: ${files} files, ${(bytes / 1048576).toFixed(1)} MiB (${target === 'typescript-lib' ? `typescript@${tsVersion} lib/*.d.ts` : `eslint@${eslintVersion} lib/**/*.js`})`);
  for (let run = 1; run <= runs; run++) {
    const { wall, parseMs, ruleMs, findings } = await lint(target);
    const ours = leakguardRules.reduce((sum, id) => sum + (ruleMs.get(id) ?? 0), 0);
    const theirs = ruleMs.get('no-secrets/no-secrets') ?? 0;
    console.log(`  run ${run}/${runs}: wall ${wall.toFixed(0)} ms, parse ${parseMs.toFixed(0)} ms`);
    for (const id of [...leakguardRules, 'no-secrets/no-secrets']) {
      console.log(`    ${id.padEnd(36)} ${fmt(ruleMs.get(id) ?? 0)}   ${String(findings.get(id) ?? 0).padStart(5)} findings`);
    }
    const met = ours < theirs;
    allMet &&= met;
    console.log(`    ${'leakguard recommended (sum)'.padEnd(36)} ${fmt(ours)}   vs no-secrets/no-secrets ${fmt(theirs).trim()}: ${(ours / Math.max(theirs, 1e-9)).toFixed(2)}x -> target ${met ? 'met' : 'NOT met'}`);
  }
}
console.log(`\nper-rule times are ESLint's own (Node API stats, summed over files); the secret engine is built on the first file and counted in no-hardcoded-secrets.`);
console.log(`target (recommended set < no-secrets alone): ${allMet ? 'met on every corpus' : 'NOT met on every corpus'}`);
