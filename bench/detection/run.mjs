#!/usr/bin/env node
// `pnpm bench detection <folder>`: detection quality on peers' published test material. <folder>
// holds checkouts (or exported trees) of the corpora, each in a sub-folder named after it:
//   noseyparker (praetorian-inc/noseyparker), kingfisher (mongodb/kingfisher),
//   secretlint (secretlint/secretlint), checkov (bridgecrewio/checkov),
//   cfn-lint (aws-cloudformation/cfn-lint)
// with its commit in a COMMIT file or its .git. Nothing of them is copied into this repository:
// the cases are written to a scratch folder, scanned by the built CLI, and scored per corpus and
// per reference rule: recall on the positives, false-alarm rate on the negatives (and precision for
// IaC). Disputed cases (disputed.mjs) are listed and left out. `--details` lists every miss, every made-up positive leakguard still reports, and
// false alarm; a JSON of all of them is written beside the scratch folder.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resourceBlocks } from './blocks.mjs';
import { DISPUTED } from './disputed.mjs';
import { isMadeUp } from './made-up.mjs';
import { checkovCases } from './corpora/checkov.mjs';
import { cfnLintCases } from './corpora/cfn-lint.mjs';
import { ruleExampleCases } from './corpora/secret-examples.mjs';
import { secretlintCases } from './corpora/secretlint.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const cli = join(here, '..', '..', 'packages', 'cli', 'dist', 'bin.js');
const args = process.argv.slice(2);
const details = args.includes('--details');
const folder = args.find((a) => !a.startsWith('--'));
if (!folder) {
  console.log('bench/detection: skipped; give the folder of peers\' corpora: pnpm bench detection <folder>');
  process.exit(0);
}
if (!existsSync(cli)) {
  console.error('bench/detection: build first (pnpm build); missing', cli);
  process.exit(2);
}

const CORPORA = [
  { name: 'noseyparker', kind: 'secrets', load: (r) => ruleExampleCases('noseyparker', join(r, 'crates', 'noseyparker', 'data', 'default', 'builtin', 'rules')) },
  { name: 'kingfisher', kind: 'secrets', load: (r) => ruleExampleCases('kingfisher', join(r, 'data', 'rules')) },
  { name: 'secretlint', kind: 'secrets', load: secretlintCases },
  { name: 'checkov', kind: 'iac', load: checkovCases },
  { name: 'cfn-lint', kind: 'iac', load: cfnLintCases },
];

function commitOf(dir) {
  if (existsSync(join(dir, 'COMMIT'))) return readFileSync(join(dir, 'COMMIT'), 'utf8').trim();
  const git = spawnSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' });
  return git.status === 0 ? git.stdout.trim() : 'unknown';
}

// A reference rule is "covered" when our catalog has a rule for the same provider (its id's provider
// word: np.<provider>.N, kingfisher.<provider>.N, secretlint-rule-<provider>): recall there measures
// quality; recall on the rest measures how many providers we know.
const { loadCatalog } = await import(join(here, '..', '..', 'packages', 'core', 'dist', 'index.js'));
const ourProviders = loadCatalog().map((r) => r.id.slice('secret/'.length).replace(/[^a-z0-9]/g, ''));
const ALIASES = { google: 'gcp', gcs: 'gcp', msteams: 'msteams', basicauth: 'http', databaseconnectionstring: 'postgres', privatekey: 'privatekey', hashicorpvault: 'vault', '1password': 'onepassword', pem: 'privatekey', ssh: 'privatekey', pypi: 'pypi' };
const providerOf = (rule) => {
  const parts = rule.split('.');
  const p = (parts.length >= 3 ? parts[1] : rule).toLowerCase().replace(/[^a-z0-9]/g, '');
  return ALIASES[p] ?? p;
};
const covered = (rule) => ourProviders.some((o) => o.startsWith(providerOf(rule)));
const matches = (ruleId, wanted) => wanted.some((w) => (w.endsWith('/*') ? ruleId.startsWith(w.slice(0, -1)) : ruleId === w));
const disputed = new Map(DISPUTED.map((d) => [d.id, d.reason]));
const scratch = join(tmpdir(), 'leakguard-detection');
rmSync(scratch, { recursive: true, force: true });
const summary = [];
const report = { corpora: [] };

for (const corpus of CORPORA) {
  const root = resolve(folder, corpus.name);
  if (!existsSync(root)) {
    console.log(`\n${corpus.name}: not in ${folder}; skipped`);
    continue;
  }
  const { cases, skipped } = corpus.load(root);
  // Write each case (or group of cases sharing files) into its own folder.
  const work = join(scratch, corpus.name);
  const folderOf = new Map();
  for (const c of cases) {
    const key = c.group ?? c.id;
    if (!folderOf.has(key)) {
      const dir = `c${folderOf.size}`;
      folderOf.set(key, dir);
      for (const f of c.files) {
        const dest = join(work, dir, f.name);
        mkdirSync(dirname(dest), { recursive: true });
        if (f.source) copyFileSync(f.source, dest);
        else writeFileSync(dest, f.content);
      }
    }
    c.dir = folderOf.get(key);
  }
  const out = join(scratch, `${corpus.name}.json`);
  const run = spawnSync(process.execPath, [cli, 'scan', '.', '-f', 'json', '-q', '--fail-on', 'none', '-o', out], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) {
    console.error(`${corpus.name}: leakguard failed (${run.status}): ${run.stderr}`);
    process.exit(1);
  }
  const findings = JSON.parse(readFileSync(out, 'utf8')).findings;
  const byDir = new Map();
  for (const f of findings) {
    const dir = f.location.path.split('/')[0];
    if (!byDir.has(dir)) byDir.set(dir, []);
    byDir.get(dir).push(f);
  }
  const blockCache = new Map();
  const blocksOf = (dir, name) => {
    const key = `${dir}/${name}`;
    if (!blockCache.has(key)) blockCache.set(key, resourceBlocks(name, readFileSync(join(work, key), 'utf8')));
    return blockCache.get(key);
  };
  const tally = { positives: 0, detected: 0, negatives: 0, falseAlarms: 0, disputed: 0, madeUp: 0, madeUpDetected: 0, unresolved: 0, coveredPositives: 0, coveredDetected: 0 };
  const perRule = new Map();
  const misses = [];
  const alarms = [];
  for (const c of cases) {
    if (disputed.has(c.id)) {
      tally.disputed++;
      continue;
    }
    let mine = (byDir.get(c.dir) ?? []).map((f) => ({ ...f, file: f.location.path.slice(c.dir.length + 1) }));
    if (c.iac) {
      mine = mine.filter((f) => matches(f.ruleId, c.iac.rules));
      if (c.iac.file) mine = mine.filter((f) => f.file === c.iac.file);
      if (c.iac.address) {
        const hits = c.files.flatMap((file) => blocksOf(c.dir, file.name).filter((b) => b.address.includes(c.iac.address)).map((b) => ({ file: file.name, ...b })));
        if (!hits.length) {
          tally.unresolved++;
          continue;
        }
        mine = mine.filter((f) => hits.some((b) => b.file === f.file && f.location.startLine >= b.start && f.location.startLine <= b.end));
      }
    } else {
      mine = mine.filter((f) => f.ruleId.startsWith('secret/') || f.ruleId === 'env/secret-literal');
      if (c.lines) mine = mine.filter((f) => f.location.startLine <= c.lines[1] && f.location.endLine >= c.lines[0]);
    }
    if (c.expect === 'positive' && corpus.kind === 'secrets' && isMadeUp(c.value)) {
      tally.madeUp++;
      if (mine.length) {
        tally.madeUpDetected++;
        if (details) console.log(`    reported, made up: ${c.id}`);
      }
      continue;
    }
    const r = perRule.get(c.rule) ?? { positives: 0, detected: 0, negatives: 0, falseAlarms: 0 };
    const known = corpus.kind === 'secrets' && covered(c.rule);
    perRule.set(c.rule, r);
    const found = mine.length > 0;
    const entry = { id: c.id, dir: c.dir, ours: [...new Set(mine.map((f) => f.ruleId))] };
    if (c.expect === 'positive') {
      tally.positives++, r.positives++;
      if (known) tally.coveredPositives++;
      if (found && known) tally.coveredDetected++;
      if (found) tally.detected++, r.detected++;
      else misses.push(entry);
    } else {
      tally.negatives++, r.negatives++;
      if (found) tally.falseAlarms++, r.falseAlarms++, alarms.push(entry);
    }
  }
  const recall = tally.detected / (tally.positives || 1);
  const far = tally.falseAlarms / (tally.negatives || 1);
  const precision = tally.detected / (tally.detected + tally.falseAlarms || 1);
  const commit = commitOf(root);
  console.log(`\n${corpus.name} @ ${commit}`);
  console.log(`  positives ${tally.positives}, detected ${tally.detected}: recall ${recall.toFixed(3)}`);
  if (corpus.kind === 'secrets') console.log(`  of them for providers our catalog knows ${tally.coveredPositives}, detected ${tally.coveredDetected}: recall ${(tally.coveredDetected / (tally.coveredPositives || 1)).toFixed(3)}`);
  console.log(`  negatives ${tally.negatives}, false alarms ${tally.falseAlarms}: false-alarm rate ${far.toFixed(3)}${corpus.kind === 'iac' ? `, precision ${precision.toFixed(3)}` : ''}`);
  if (tally.madeUp) console.log(`  made-up positives (disputed, excluded) ${tally.madeUp}, of them reported ${tally.madeUpDetected}; recall counting them: ${((tally.detected + tally.madeUpDetected) / (tally.positives + tally.madeUp)).toFixed(3)}`);
  console.log(`  disputed (excluded) ${tally.disputed}${tally.unresolved ? `, labelled resources not found in the files ${tally.unresolved}` : ''}; reference rules left out: ${skipped.length}`);
  const worst = [...perRule].filter(([, r]) => r.detected < r.positives || r.falseAlarms).sort((a, b) => b[1].positives - b[1].detected + b[1].falseAlarms - (a[1].positives - a[1].detected + a[1].falseAlarms));
  console.log(`  per rule (${perRule.size} rules; ${worst.length} with a miss or a false alarm${details ? '' : ', worst 15 shown'}):`);
  for (const [rule, r] of details ? worst : worst.slice(0, 15)) {
    console.log(`    ${rule.padEnd(44)} recall ${r.detected}/${r.positives}  false alarms ${r.falseAlarms}/${r.negatives}`);
  }
  if (details) {
    for (const m of misses) console.log(`    miss   ${m.id}  (${m.dir})`);
    for (const a of alarms) console.log(`    alarm  ${a.id}  (${a.dir}) ${a.ours.join(' ')}`);
  }
  summary.push({ corpus: corpus.name, kind: corpus.kind, commit, ...tally, recall, falseAlarmRate: far, precision, coveredRecall: tally.coveredDetected / (tally.coveredPositives || 1) });
  report.corpora.push({ corpus: corpus.name, commit, tally, perRule: Object.fromEntries(perRule), misses, alarms, skipped });
}

writeFileSync(join(scratch, 'results.json'), JSON.stringify(report, null, 1));
console.log('\ncorpus        kind     recall  (known providers)  false-alarm rate  precision  (disputed excluded)');
const known = (s) => (s.kind === 'secrets' ? s.coveredRecall.toFixed(3) : '  -  ');
for (const s of summary) console.log(`${s.corpus.padEnd(13)} ${s.kind.padEnd(8)} ${s.recall.toFixed(3)}   ${known(s)}              ${s.falseAlarmRate.toFixed(3)}             ${s.precision.toFixed(3)}`);
for (const kind of ['secrets', 'iac']) {
  const k = summary.filter((s) => s.kind === kind);
  if (!k.length) continue;
  const sum = (f) => k.reduce((a, s) => a + s[f], 0);
  const det = sum('detected'), pos = sum('positives'), fa = sum('falseAlarms'), neg = sum('negatives');
  const kr = kind === 'secrets' ? (sum('coveredDetected') / sum('coveredPositives')).toFixed(3) : '  -  ';
  console.log(`${('all ' + kind).padEnd(13)} ${''.padEnd(8)} ${(det / pos).toFixed(3)}   ${kr}              ${(fa / neg).toFixed(3)}             ${(det / (det + fa)).toFixed(3)}`);
}
console.log(`scratch cases and findings: ${scratch} (results.json lists every miss and false alarm)`);
