// The root's `postinstall`: `pnpm install` builds the workspace (tsc -b), so `pnpm leakguard` runs at
// once. npm installs this root too: pre-commit's `language: node` hooks run `npm install` and
// `npm pack` here, then install the published `leakguard` CLI. Under npm there is nothing to build
// (the workspace's dependencies, which only pnpm installs, are not there), and `npm pack` must print
// only the tarball's name, which is why this is not a `prepare` script (npm pack runs those).
import { spawnSync } from 'node:child_process';

if ((process.env.npm_config_user_agent ?? '').startsWith('pnpm/')) {
  const tsc = spawnSync('tsc', ['-b'], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(tsc.status ?? 1);
}
