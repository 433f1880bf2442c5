#!/usr/bin/env node
// `pnpm bench [suite...]`: runs each benchmark suite (bench/<suite>/run.mjs) in turn, in this
// process tree, and prints what each measured. Suites generate their corpora under .bench/ (ignored);
// `detection` reads peers' corpora from a folder given after its name.
import { readdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));
const all = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'run.mjs')))
  .map((d) => d.name)
  .sort();
// `pnpm bench detection <folder>`: arguments that name no suite are passed on to the suites named.
const args = process.argv.slice(2);
const wanted = args.filter((a) => all.includes(a) || !/[\\/.]/.test(a));
const passOn = args.filter((a) => !wanted.includes(a));
const suites = wanted.length ? wanted : all;
let failed = false;
for (const suite of suites) {
  if (!all.includes(suite)) {
    console.error(`bench: no suite "${suite}" (have: ${all.join(', ')})`);
    process.exit(2);
  }
  console.log(`\n=== bench/${suite} ===`);
  const run = spawnSync(process.execPath, [join(here, suite, 'run.mjs'), ...passOn], { stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
