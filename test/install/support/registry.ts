/**
 * A real npm registry for the install test: verdaccio on 127.0.0.1 and a free port, its storage in
 * a temporary folder. leakguard's own package names are served only from what the test publishes;
 * everything else is proxied to the npm registry this machine uses (and cached for the run).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../../support/cli.js';

/** verdaccio's own bin script (a devDependency of the test package), run with this Node. */
function verdaccioBin(): string {
  const pkgPath = createRequire(join(REPO_ROOT, 'test/package.json')).resolve('verdaccio/package.json');
  const { bin } = JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin: string | Record<string, string> };
  return join(dirname(pkgPath), typeof bin === 'string' ? bin : bin.verdaccio!);
}

/** A port the kernel just gave out and took back: free for the registry to bind at once. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

function upstreamRegistry(): string {
  const out = spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' });
  const url = out.stdout.trim();
  return /^https?:\/\//.test(url) ? url : 'https://registry.npmjs.org/';
}

export class LocalRegistry {
  private constructor(
    readonly url: string,
    /** An npmrc with this registry's auth token, for publishing (npm_config_userconfig). */
    readonly userconfig: string,
    readonly dir: string,
    private readonly child: ChildProcess,
    private readonly log: () => string,
  ) {}

  static async start(): Promise<LocalRegistry> {
    const dir = mkdtempSync(join(tmpdir(), 'leakguard-registry-'));
    const port = await freePort();
    const own = `    access: $all\n    publish: $authenticated\n    unpublish: $authenticated\n`;
    writeFileSync(
      join(dir, 'config.yaml'),
      `storage: ${join(dir, 'storage')}
auth:
  htpasswd:
    file: ${join(dir, 'htpasswd')}
    max_users: 10
uplinks:
  upstream:
    url: ${upstreamRegistry()}
    timeout: 60s
packages:
  'leakguard':
${own}  'eslint-plugin-leakguard':
${own}  '@leakguard/*':
${own}  '**':
    access: $all
    proxy: upstream
server:
  keepAliveTimeout: 60
log: { type: stdout, format: pretty, level: warn }
`,
    );
    let output = '';
    const child = spawn(process.execPath, [verdaccioBin(), '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const url = `http://127.0.0.1:${port}/`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`verdaccio exited (${child.exitCode}):\n${output}`);
      try {
        if ((await fetch(`${url}-/ping`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`verdaccio did not answer on ${url} within 60 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    // A user for publishing (verdaccio's htpasswd registration, as `npm adduser` does it).
    const user = await fetch(`${url}-/user/org.couchdb.user:release`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'release', password: `pw-${port}-${Date.now()}` }),
    });
    const { token } = (await user.json()) as { token?: string };
    if (!token) throw new Error(`verdaccio gave no token (${user.status}):\n${output}`);
    const userconfig = join(dir, 'npmrc');
    writeFileSync(userconfig, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
    return new LocalRegistry(url, userconfig, dir, child, () => output);
  }

  /** The registry's log so far (for failure messages). */
  output(): string {
    return this.log();
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
