/**
 * A committed PKCS#12 key store (.p12 / .pfx) is reported by its file name (a catalog rule with
 * `target: name`) where the binary file is skipped, when its first bytes are a PFX's: by `scan`,
 * `scan --staged` and `history`, without showing its bytes. Folders named like one, encrypted
 * copies, empty or random files with the name, and texts that mention one are not key stores.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from './support/cli.js';
import { TestRepo } from './support/git-repo.js';
import { PLANTED } from './support/planted.js';

interface Json {
  findings: { ruleId: string; message: string; location: { path: string; startLine: number }; snippet?: string; fingerprint?: string }[];
}

/** A PFX's first bytes (SEQUENCE of 0x0200 bytes, version 3), then a planted token that must never be printed, then padding with NULs (so binary). */
function keyStoreBytes(): Buffer {
  const body = Buffer.concat([Buffer.from([0x02, 0x01, 0x03]), randomBytes(100), Buffer.from(PLANTED.stripe), Buffer.alloc(200)]);
  return Buffer.concat([Buffer.from([0x30, 0x82, 0x02, 0x00]), body, randomBytes(0x200 - body.length)]);
}

const FILES = {
  'certs/api-client.p12': keyStoreBytes(),
  'deploy/Signing Cert.PFX': keyStoreBytes(),
  'certs.p12/readme.txt': 'a folder named like a key store\n',
  'backup/api-client.p12.gpg': keyStoreBytes(),
  'certs/empty.p12': Buffer.alloc(0),
  'certs/random.pfx': Buffer.concat([Buffer.from([0x00, 0x13, 0x37]), randomBytes(300)]),
  'certs/notes.p12': 'not a key store: a text file with the name\n',
  'certs/truncated.p12': keyStoreBytes().subarray(0, 200),
  'docs/setup.md': 'Copy server.p12 to certs/ and set KEYSTORE=certs/server.p12\n',
  // A line that is only a key store's name, in contents: not the file itself.
  '.gitignore': 'server.p12\nlocal.pfx\n',
};
const EXPECTED = [
  ['secret/pkcs12-key-store', 'certs/api-client.p12', 'PKCS#12 key store file (.p12 / .pfx) committed'],
  ['secret/pkcs12-key-store', 'deploy/Signing Cert.PFX', 'PKCS#12 key store file (.p12 / .pfx) committed'],
];

function keyStoreFindings(stdout: string) {
  const report = JSON.parse(stdout) as Json;
  return report.findings.filter((f) => f.ruleId === 'secret/pkcs12-key-store').map((f) => [f.ruleId, f.location.path, f.message]).sort();
}

describe('committed PKCS#12 key stores', () => {
  it('scan reports each .p12/.pfx file by its path, and nothing of its bytes', () => {
    const dir = makeProject(FILES);
    const run = runCli(['scan', '.', '-f', 'json'], { cwd: dir });
    expect(run.status, run.stderr).toBe(1);
    expect(keyStoreFindings(run.stdout)).toEqual(EXPECTED);
    expect(run.stdout).not.toContain(PLANTED.stripe);
    const sarif = runCli(['scan', '.', '-f', 'sarif'], { cwd: dir });
    expect(sarif.stdout).toContain('"ruleId": "secret/pkcs12-key-store"');
    expect(sarif.stdout).not.toContain(PLANTED.stripe);
  });

  it('a rule turned off in the config reports nothing', () => {
    const dir = makeProject({ ...FILES, 'leakguard.yaml': 'rules:\n  secret/pkcs12-key-store: off\n' });
    const run = runCli(['scan', '.', '-f', 'json'], { cwd: dir });
    expect(keyStoreFindings(run.stdout)).toEqual([]);
  });

  it('scan --staged and history report the staged and the committed key store', () => {
    const repo = TestRepo.init();
    repo.commit('docs', { 'docs/setup.md': FILES['docs/setup.md'] });
    repo.write('certs/api-client.p12', FILES['certs/api-client.p12']);
    repo.git('add', '-A');
    const staged = runCli(['scan', '--staged', '-f', 'json'], { cwd: repo.dir });
    expect(keyStoreFindings(staged.stdout)).toEqual([EXPECTED[0]]);
    repo.git('commit', '-q', '-m', 'add the client certificate');
    repo.remove('certs/api-client.p12');
    repo.commit('remove the key store');
    const history = runCli(['history', '.', '-f', 'json'], { cwd: repo.dir });
    expect(keyStoreFindings(history.stdout)).toEqual([EXPECTED[0]]);
    expect(history.stdout).not.toContain(PLANTED.stripe);
  });
});
