/**
 * `leakguard history` on real repositories built here: secrets added then deleted, on two branches,
 * through merges (one of them an "evil" merge that adds a secret itself), renamed files, binary
 * files; commits, lines and presentAtHead checked in JSON, text and SARIF; git failures exit 2.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { githubProblems, schemaErrors } from './support/sarif.js';
import { DEMO_CONFIG, demoToken, linesWith, TestRepo } from './support/git-repo.js';

interface JsonFinding {
  ruleId: string;
  location: { path: string; startLine: number; startColumn: number };
  secret?: { hash: string; redacted: string };
  fingerprint: string;
  commit?: { sha: string; author: string; email?: string; date: string; presentAtHead: boolean };
}
interface JsonOut {
  kind: string;
  findings: JsonFinding[];
  notifications: { kind: string; level: string; message: string; path?: string }[];
  summary: { filesScanned: number; filesSkipped: number };
}

const T = {
  deleted: demoToken('deleted-later'),
  feature: demoToken('on-feature-branch'),
  evil: demoToken('added-by-merge'),
  renamed: demoToken('in-renamed-file'),
  binary: demoToken('inside-binary'),
  unmerged: demoToken('unmerged-branch'),
  ignored: demoToken('ignored-inline'),
  moved: demoToken('moved-down'),
};

let repo: TestRepo;
let config: string;
const sha: Record<string, string> = {};

function history(args: string[], cwd = repo.dir) {
  return runCli(['history', ...args, '--config', config], { cwd });
}

/** SARIF through --output: with every rule's help it is over spawnSync's 1 MB stdout buffer. */
function historySarif(args: string[]) {
  const file = join(repo.dir, '..', `${repo.dir.split('/').pop()}-${Math.random().toString(36).slice(2)}.sarif`);
  const run = history([...args, '--format', 'sarif', '--output', file]);
  return { ...run, text: readFileSync(file, 'utf8') };
}

function historyJson(args: string[] = [], cwd = repo.dir): JsonOut {
  const run = history([...args, '--format', 'json', '--fail-on', 'none'], cwd);
  expect(run.stderr).not.toMatch(/error/i);
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as JsonOut;
}

/** The finding for a planted token, found by its line's redacted preview and path. */
function byPath(out: JsonOut, path: string): JsonFinding[] {
  return out.findings.filter((f) => f.location.path === path);
}

beforeAll(() => {
  repo = TestRepo.init();
  config = join(repo.dir, '..', `${repo.dir.split('/').pop()}-leakguard.yaml`);
  writeFileSync(config, DEMO_CONFIG);
  // 1. A secret added on line 3, deleted two commits later.
  sha.added = repo.commit('add service', { 'src/app.js': linesWith(5, 3, `const token = "${T.deleted}";`), 'README.md': '# demo\n' });
  // 2. A feature branch adds a secret in YAML; merged back with a merge commit.
  repo.git('checkout', '-q', '-b', 'feature');
  sha.feature = repo.commit('feature config', { 'config/feature.yml': linesWith(4, 2, `api_key: ${T.feature}`) });
  repo.git('checkout', '-q', 'main');
  sha.deleted = repo.commit('remove token', { 'src/app.js': linesWith(5, 3, 'const token = process.env.TOKEN;') });
  repo.git('merge', '-q', '--no-ff', '-m', 'merge feature', 'feature');
  sha.merge1 = repo.head();
  // 3. An evil merge: the merge commit itself adds a secret that neither parent had.
  sha.evil = repo.evilMerge('merge-notes.ini', linesWith(3, 2, `token=${T.evil}`));
  // 4. A file with a secret, then renamed (same content), then renamed with an edit.
  sha.renamedAdd = repo.commit('terraform vars', { 'infra/vars.tf': linesWith(6, 4, `  default = "${T.renamed}"`) });
  repo.git('mv', 'infra/vars.tf', 'infra/variables.tf');
  repo.commit('rename vars');
  repo.git('mv', 'infra/variables.tf', 'infra/main-variables.tf');
  repo.write('infra/main-variables.tf', '# header\n' + linesWith(6, 4, `  default = "${T.renamed}"`));
  repo.commit('rename and edit');
  // 5. A binary file (NUL bytes) holding a token: skipped, not reported.
  repo.commit('logo', { 'assets/logo.bin': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), Buffer.from(` ${T.binary} `), Buffer.alloc(64)]) });
  // 6. A secret silenced inline.
  repo.commit('fixture', { 'test/fixture.py': `key = "${T.ignored}"  # leakguard:ignore secret/demo-token\n` });
  // 7. A secret that moves down a line in a later edit: still one finding, at its first line.
  sha.movedAdd = repo.commit('moved', { 'lib/moved.sh': linesWith(3, 2, `export TOKEN=${T.moved}`) });
  repo.commit('move down', { 'lib/moved.sh': '#!/bin/sh\n' + linesWith(3, 2, `export TOKEN=${T.moved}`) });
  sha.head = repo.head();
  // 8. A branch never merged.
  repo.git('checkout', '-q', '-b', 'experiment');
  sha.unmerged = repo.commit('experiment', { 'exp.env': `TOKEN=${T.unmerged}\n` });
  repo.git('checkout', '-q', 'main');
});

describe('leakguard history: attribution', () => {
  let out: JsonOut;
  beforeAll(() => {
    out = historyJson();
  });

  it('reports kind "history"', () => {
    expect(out.kind).toBe('history');
  });

  it.each([
    ['deleted later', 'src/app.js', 3, 'added', false],
    ['added on a branch, merged', 'config/feature.yml', 2, 'feature', true],
    ['added by the merge commit itself', 'merge-notes.ini', 2, 'evil', true],
    ['renamed twice later (reported once, where it was added)', 'infra/vars.tf', 4, 'renamedAdd', true],
    ['moved down a line later (one finding, first line)', 'lib/moved.sh', 2, 'movedAdd', true],
    ['on a branch never merged (all refs are walked)', 'exp.env', 1, 'unmerged', false],
  ])('%s: %s line %i, commit %s, presentAtHead %s', (_, path, line, commit, atHead) => {
    const found = byPath(out, path);
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.ruleId).toBe('secret/demo-token');
    expect(f.location.startLine).toBe(line);
    expect(f.commit?.sha).toBe(sha[commit as string]);
    expect(f.commit?.author).toBe('Ada Dev');
    expect(f.commit?.email).toBe('ada@example.com');
    expect(f.commit?.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(f.commit?.presentAtHead).toBe(atHead);
  });

  it.each([
    ['the renamed copies', 'infra/variables.tf'],
    ['the renamed and edited copy', 'infra/main-variables.tf'],
    ['the binary file', 'assets/logo.bin'],
    ['the inline-ignored line', 'test/fixture.py'],
  ])('no finding for %s (%s)', (_, path) => {
    expect(byPath(out, path)).toEqual([]);
  });

  it('finds exactly the planted secrets, each once', () => {
    expect(out.findings).toHaveLength(6);
    expect(new Set(out.findings.map((f) => f.secret?.hash)).size).toBe(6);
  });

  it('says a binary blob was skipped', () => {
    expect(out.notifications.some((n) => n.kind === 'skipped-binary' && /1 binary blob/.test(n.message))).toBe(true);
  });

  it('never prints a planted secret, in any format', () => {
    for (const format of ['text', 'json']) {
      const run = history(['--format', format]);
      expect(run.status).toBe(1);
      for (const token of Object.values(T)) expect(run.stdout + run.stderr).not.toContain(token);
    }
    const sarif = historySarif([]);
    expect(sarif.status).toBe(1);
    for (const token of Object.values(T)) expect(sarif.text + sarif.stdout + sarif.stderr).not.toContain(token);
  });
});

describe('leakguard history: formats', () => {
  it('text names the commit, and says when a secret is gone from HEAD', () => {
    const run = history(['--format', 'text']);
    expect(run.stdout).toContain(`commit ${sha.added!.slice(0, 12)} by Ada Dev`);
    expect(run.stdout).toMatch(new RegExp(`commit ${sha.added!.slice(0, 12)} .*no longer at HEAD`));
    expect(run.stdout).not.toMatch(new RegExp(`commit ${sha.feature!.slice(0, 12)} .*no longer at HEAD`));
  });

  it('SARIF carries the commit in result properties, the history category, and the stable fingerprint', () => {
    const run = historySarif(['--fail-on', 'none']);
    expect(run.status).toBe(0);
    const log = JSON.parse(run.text);
    const run0 = log.runs[0];
    expect(run0.automationDetails.id).toMatch(/^leakguard\/history\//);
    const result = run0.results.find((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'src/app.js');
    expect(result.properties).toMatchObject({ commitSha: sha.added, commitAuthor: 'Ada Dev', presentAtHead: false });
    expect(result.partialFingerprints['leakguard/v1']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('the history SARIF passes the 2.1.0 schema and GitHub\'s upload checks', () => {
    const log = JSON.parse(historySarif(['--fail-on', 'none']).text);
    expect(schemaErrors(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
    expect(log.runs[0].results).toHaveLength(6);
  });

  it('--category overrides the history category', () => {
    const log = JSON.parse(historySarif(['--category', 'secrets/history']).text);
    expect(log.runs[0].automationDetails.id).toMatch(/^secrets\/history\//);
  });

  it('fingerprints survive a rebase that rewrites every commit', () => {
    const before = historyJson(['--branch', 'main']);
    const clone = new TestRepo();
    execFileSync('git', ['clone', '-q', repo.dir, clone.dir]);
    clone.git('config', 'user.name', 'Other Person');
    clone.git('config', 'user.email', 'other@example.com');
    // Rewrite all of main's history: new committer, new dates, merges flattened.
    clone.git('rebase', '-q', '--root', '--reset-author', '--rebase-merges=no-rebase-cousins', 'main');
    const after = historyJson(['--branch', 'main'], clone.dir);
    // Rebasing replays the ordinary commits; what the evil merge itself added is dropped by git.
    const fp = (o: JsonOut) => o.findings.filter((f) => f.location.path !== 'merge-notes.ini').map((f) => f.fingerprint).sort();
    expect(fp(after)).toHaveLength(4);
    expect(fp(after)).toEqual(fp(before));
    const shas = (o: JsonOut) => new Set(o.findings.map((f) => f.commit?.sha));
    for (const s of shas(after)) expect(shas(before).has(s)).toBe(false);
  });
});

describe('leakguard history: ranges', () => {
  it('--branch main leaves the unmerged branch out', () => {
    const out = historyJson(['--branch', 'main']);
    expect(byPath(out, 'exp.env')).toEqual([]);
    expect(out.findings).toHaveLength(5);
  });

  it('--branch experiment counts presentAtHead against that branch tip', () => {
    const out = historyJson(['--branch', 'experiment']);
    expect(byPath(out, 'exp.env')[0]?.commit?.presentAtHead).toBe(true);
  });

  it('--since REV scans only later commits', () => {
    const out = historyJson(['--since', sha.evil!, '--branch', 'main']);
    expect(out.findings.map((f) => f.location.path).sort()).toEqual(['infra/vars.tf', 'lib/moved.sh']);
  });

  it('--max-count 2 scans the two newest commits of the walk', () => {
    const out = historyJson(['--max-count', '2', '--branch', 'main']);
    // The newest two commits are "moved" and "move down": one finding, in the first of them.
    expect(out.findings.map((f) => [f.location.path, f.commit?.sha])).toEqual([['lib/moved.sh', sha.movedAdd]]);
  });
});

describe('leakguard history: failures are errors, never a clean result', () => {
  it.each([
    ['a folder that is not a repository', () => [new TestRepo().dir], /git error: .*not a git repository/],
    ['a path that does not exist', () => ['/nonexistent/leakguard-repo'], /git error/],
    ['an unknown --branch', () => ['.', '--branch', 'no-such-branch'], /git error: unknown revision "no-such-branch"/],
    ['an unknown --since', () => ['.', '--since', 'v9.9.9'], /git error: unknown revision "v9.9.9"/],
  ])('%s: exit 2', (_, args, message) => {
    const run = history(args());
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it.each([
    ['--max-count 0', ['--max-count', '0'], /--max-count takes a whole number/],
    ['--branch with --staged', ['--staged'], /--staged is an option of "leakguard scan"/],
    ['two repositories', ['a', 'b'], /history takes one repository path/],
  ])('usage error %s: exit 2', (_, args, message) => {
    const run = history(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('--branch on scan is a usage error', () => {
    const run = runCli(['scan', '--branch', 'main'], { cwd: repo.dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--branch is an option of "leakguard history"/);
  });

  it('a missing blob (corrupt repository) is exit 2', () => {
    const broken = new TestRepo();
    execFileSync('git', ['clone', '-q', '--no-local', repo.dir, broken.dir]);
    // Explode the pack into loose objects, then delete the blob of config/feature.yml.
    const packDir = join(broken.dir, '.git', 'objects', 'pack');
    const packs = readdirSync(packDir).filter((f) => f.endsWith('.pack'));
    for (const p of packs) {
      execFileSync('sh', ['-c', `mv "${join(packDir, p)}" "${broken.dir}/x.pack" && rm -f "${packDir}"/*.idx && git -C "${broken.dir}" unpack-objects -q < "${broken.dir}/x.pack"`]);
    }
    const blob = broken.git('rev-parse', `${sha.feature}:config/feature.yml`);
    rmSync(join(broken.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const run = history(['.'], broken.dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/git error: .*(missing|corrupt|unable|bad object)/i);
    expect(run.stdout).toBe('');
  });

  it('a missing tree (git log itself fails) is exit 2', () => {
    const broken = new TestRepo();
    execFileSync('git', ['clone', '-q', '--no-local', repo.dir, broken.dir]);
    const packDir = join(broken.dir, '.git', 'objects', 'pack');
    for (const p of readdirSync(packDir).filter((f) => f.endsWith('.pack'))) {
      execFileSync('sh', ['-c', `mv "${join(packDir, p)}" "${broken.dir}/x.pack" && rm -f "${packDir}"/*.idx && git -C "${broken.dir}" unpack-objects -q < "${broken.dir}/x.pack"`]);
    }
    const tree = broken.git('rev-parse', `${sha.feature}^{tree}`);
    rmSync(join(broken.dir, '.git', 'objects', tree.slice(0, 2), tree.slice(2)));
    const run = history(['.'], broken.dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/git error: git log failed/);
  });
});

describe('leakguard history: shallow and empty repositories', () => {
  it('a shallow clone is scanned and says so', () => {
    const shallow = new TestRepo();
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'main', `file://${repo.dir}`, shallow.dir]);
    const out = historyJson(['.'], shallow.dir);
    const note = out.notifications.find((n) => n.kind === 'git' && n.level === 'warning');
    expect(note?.message).toMatch(/shallow clone/);
    // The boundary commit is all there is: every secret still at HEAD is attributed to it.
    const head = shallow.head();
    expect(out.findings.length).toBeGreaterThan(0);
    for (const f of out.findings) expect(f.commit).toMatchObject({ sha: head, presentAtHead: true });
    expect(byPath(out, 'src/app.js')).toEqual([]);
  });

  it('a repository without commits is clean, with a note', () => {
    const empty = TestRepo.init();
    const out = historyJson(['.'], empty.dir);
    expect(out.findings).toEqual([]);
    expect(out.notifications.some((n) => /no commits/.test(n.message))).toBe(true);
  });
});

describe('leakguard history: worker threads', () => {
  it('gives the same findings and commits with workers as in one thread (enough blobs to start workers)', () => {
    const big = TestRepo.init();
    const cfg = join(big.dir, '..', `${big.dir.split('/').pop()}-leakguard.yaml`);
    writeFileSync(cfg, DEMO_CONFIG);
    for (let c = 0; c < 3; c++) {
      const files: Record<string, string> = {};
      for (let i = 0; i < 150; i++) files[`src/f${i}.js`] = i % 25 === c ? `// rev ${c}\nconst k = "${demoToken(`w-${c}-${i}`)}";\n` : `// rev ${c}\nexport const v = ${i};\n`;
      big.commit(`commit ${c}`, files);
    }
    const run = (jobs: string) => {
      const r = runCli(['history', '.', '--config', cfg, '--format', 'json', '--jobs', jobs], { cwd: big.dir });
      expect(r.status).toBe(1);
      return (JSON.parse(r.stdout) as JsonOut).findings.map((f) => [f.location.path, f.fingerprint, f.commit?.sha, f.commit?.presentAtHead]);
    };
    const one = run('1');
    expect(one).toHaveLength(18);
    expect(run('2')).toEqual(one);
  });

  it.each([
    ['in the main thread', '1', 1],
    ['with --jobs 2 and enough blobs to start a worker', '2', 150],
  ])('a blob over --max-file-size is skipped with a note naming its path and commit, %s', (_name, jobs, fillers) => {
    const big = TestRepo.init();
    const files: Record<string, string> = { 'data/large.js': `const k = "${demoToken('large-1')}";\n${'// padding\n'.repeat(400)}`, 'src/small.js': `const k = "${demoToken('small-1')}";\n` };
    for (let i = 0; i < fillers; i++) files[`src/f${i}.js`] = `export const v = ${i};\n`;
    big.commit('one', files);
    // Enough new blobs that a worker starts (whichever thread reads the large blob, the note is the same).
    const more: Record<string, string> = {};
    for (let i = 0; i < fillers * 2; i++) more[`src/g${i}.js`] = `export const w = ${i};\n`;
    big.commit('two', more);
    const cfg = join(big.dir, '..', `${big.dir.split('/').pop()}-leakguard.yaml`);
    writeFileSync(cfg, DEMO_CONFIG);
    const r = runCli(['history', '.', '--config', cfg, '--format', 'json', '--fail-on', 'none', '--max-file-size', '0.004', '--jobs', jobs], { cwd: big.dir });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as JsonOut;
    expect(out.findings.map((f) => f.location.path)).toEqual(['src/small.js']);
    const note = out.notifications.find((n) => n.kind === 'skipped-large');
    expect(note?.path).toBe('data/large.js');
    expect(note?.message).toMatch(new RegExp(`^skipped in commit ${big.git('rev-parse', 'HEAD~1').slice(0, 12)}: 0\\.0 MB is over --max-file-size$`));
  });

  it('a blob that cannot be read with worker threads running (corrupt repository) is exit 2 with git\'s error, not a crash or a clean result', () => {
    const big = TestRepo.init();
    for (let c = 0; c < 2; c++) {
      const files: Record<string, string> = {};
      for (let i = 0; i < 200; i++) files[`src/f${i}.js`] = `// rev ${c}\nexport const v = ${i};\n`;
      big.commit(`commit ${c}`, files);
    }
    const packDir = join(big.dir, '.git', 'objects', 'pack');
    for (const p of existsSync(packDir) ? readdirSync(packDir).filter((f) => f.endsWith('.pack')) : []) {
      execFileSync('sh', ['-c', `mv "${join(packDir, p)}" "${big.dir}/x.pack" && rm -f "${packDir}"/*.idx && git -C "${big.dir}" unpack-objects -q < "${big.dir}/x.pack"`]);
    }
    // The last new blob of the walk: read by the main thread or the worker (workers start after 256 blobs).
    const blob = big.git('rev-parse', 'HEAD:src/f199.js');
    rmSync(join(big.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const r = runCli(['history', '.', '--format', 'json', '--jobs', '2'], { cwd: big.dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/git error: .*(missing|corrupt|unable|bad object)/i);
    expect(r.stdout).toBe('');
  });
});
