/**
 * re2 downloads a prebuilt addon from its GitHub releases at install time, and builds from source
 * (node-gyp, a C++ toolchain, minutes) when that fails. This machine has no GitHub, so the test
 * serves the addon this workspace built, under the URL re2's installer asks for, and points
 * RE2_DOWNLOAD_MIRROR (re2's documented mirror variable) at it: the path a user with network takes.
 * The server is a child process: the test runs npm synchronously, so a server in the test's own
 * event loop could not answer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from '../../support/cli.js';

export interface Re2Mirror {
  /** For RE2_DOWNLOAD_MIRROR. */
  url: string;
  /** How many addon downloads were served. */
  served: () => number;
  close: () => Promise<void>;
}

/** The workspace's built re2 (core's optional dependency), or undefined when it did not build. */
function builtRe2(): { version: string; addon: Buffer } | undefined {
  const require = createRequire(join(REPO_ROOT, 'packages/core/package.json'));
  let pkgPath: string;
  try {
    pkgPath = require.resolve('re2/package.json');
  } catch {
    return undefined;
  }
  const addon = join(dirname(pkgPath), 'build/Release/re2.node');
  if (!existsSync(addon)) return undefined;
  return { version: (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version, addon: readFileSync(addon) };
}

// Serves one file at one path on 127.0.0.1, prints its port, counts downloads in a file.
const SERVER = `
const { createServer } = require('node:http');
const { readFileSync, appendFileSync } = require('node:fs');
const [path, file, counter] = process.argv.slice(1);
const body = readFileSync(file);
const server = createServer((req, res) => {
  if (req.url !== path) return res.writeHead(404).end();
  appendFileSync(counter, 'x');
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

export async function startRe2Mirror(): Promise<Re2Mirror | undefined> {
  const re2 = builtRe2();
  if (!re2) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'leakguard-re2-mirror-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 're2.node.gz');
  const counter = join(dir, 'served');
  writeFileSync(file, gzipSync(re2.addon));
  writeFileSync(counter, '');
  const path = `/uhop/node-re2/releases/download/${re2.version}/${process.platform}-${process.arch}-${process.versions.modules}.gz`;
  const child: ChildProcess = spawn(process.execPath, ['-e', SERVER, path, file, counter], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((done, fail) => {
    child.once('exit', (code) => fail(new Error(`re2 mirror exited (${code})`)));
    child.stdout!.once('data', (d: Buffer) => done(Number(d.toString().trim())));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    served: () => readFileSync(counter, 'utf8').length,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill();
      await exited;
    },
  };
}
