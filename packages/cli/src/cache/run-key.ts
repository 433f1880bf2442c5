/**
 * The namespace of a cache: a digest of everything besides a file's own content and path that can
 * change its result, so a result is only ever reused under the same ones. Any change (another
 * version, an edited rule, another config, hash key, regex engine, size limit) is a new namespace,
 * and the old one is pruned as least recently used (store.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultRegexEngine, loadCatalog, type LeakguardConfig } from '@leakguard/core';
import { VERSION } from '../version.js';

/**
 * `file`: scan of files on disk (content hash and path); `blob`: git blobs, for history and
 * --staged (blob id and path; no file next to it is read); `walk`: each commit's changes.
 */
export type CacheKind = 'file' | 'blob' | 'walk';

/** The workspace packages whose code makes a result (the CLI's own folder is found from here). */
const PACKAGES = [
  '@leakguard/core',
  '@leakguard/scanner-terraform',
  '@leakguard/scanner-cloudformation',
  '@leakguard/scanner-serverless',
  '@leakguard/scanner-azure',
  '@leakguard/scanner-github-actions',
  '@leakguard/scanner-docker',
  '@leakguard/scanner-git',
];

let codeDigest: string | undefined;

/**
 * A digest of the code that runs: every source and compiled file of the CLI and the packages it
 * scans with, and the versions of their own dependencies. A version number alone would let a
 * changed build (a local fix, a development tree) reuse results of the code before it.
 */
export function runningCodeDigest(): string {
  if (codeDigest !== undefined) return codeDigest;
  const hash = createHash('sha256');
  const cliRoot = fileURLToPath(new URL('../../', import.meta.url));
  const require = createRequire(join(cliRoot, 'package.json'));
  const roots = [cliRoot];
  for (const name of PACKAGES) {
    try {
      roots.push(dirname(require.resolve(`${name}/package.json`)));
    } catch {
      hash.update(`missing ${name}\n`);
    }
  }
  for (const root of roots) {
    hashPackage(root, hash);
  }
  codeDigest = hash.digest('hex');
  return codeDigest;
}

function hashPackage(root: string, hash: ReturnType<typeof createHash>): void {
  const manifest = readFileSync(join(root, 'package.json'));
  hash.update('package\n').update(manifest);
  const pkg = JSON.parse(manifest.toString('utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
  const require = createRequire(join(root, 'package.json'));
  for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }).sort()) {
    if (dep.startsWith('@leakguard/')) continue;
    let version = 'absent';
    try {
      version = (JSON.parse(readFileSync(require.resolve(`${dep}/package.json`), 'utf8')) as { version?: string }).version ?? '?';
    } catch {
      // not installed (an optional one), or its package.json is not exported: its name still counts
    }
    hash.update(`dep ${dep} ${version}\n`);
  }
  for (const folder of ['src', 'dist']) hashTree(join(root, folder), folder, hash);
}

/** Code files under `dir`, in name order (declarations and maps change nothing that runs). */
function hashTree(dir: string, relative: string, hash: ReturnType<typeof createHash>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) hashTree(path, `${relative}/${e.name}`, hash);
    else if (e.isFile() && !/\.(d\.ts|map|tsbuildinfo)$/.test(e.name)) hash.update(`file ${relative}/${e.name}\n`).update(readFileSync(path));
  }
}

/** The parts of a namespace, as a value (tests compare them). */
export function namespaceParts(kind: CacheKind, config: LeakguardConfig, maxBytes: number, catalog: unknown = loadCatalog()): Record<string, unknown> {
  const parts: Record<string, unknown> = { format: 1, kind, version: VERSION, code: runningCodeDigest(), node: process.versions.node };
  if (kind === 'walk') return parts;
  const key = config.secretHashKey;
  return {
    ...parts,
    // The secret catalog as loaded (patterns, keywords, gates, examples): an edited rule is a new namespace.
    catalog: createHash('sha256').update(JSON.stringify(catalog)).digest('hex'),
    config: { rules: config.rules, allow: config.allow, customRules: config.customRules, exclude: config.exclude },
    // Secret hashes in findings are keyed (LEAKGUARD_HASH_KEY, the baseline's salt): only a digest of the key.
    hashKey: createHash('sha256').update(`leakguard cache hash key\0${key?.secret ?? ''}\0${key?.salt ?? ''}`).digest('hex'),
    regexEngine: defaultRegexEngine(),
    hclParser: process.env.LEAKGUARD_HCL_PARSER ?? '',
    maxBytes,
  };
}

export function namespaceOf(kind: CacheKind, config: LeakguardConfig, maxBytes: number, catalog?: unknown): string {
  return createHash('sha256').update(JSON.stringify(namespaceParts(kind, config, maxBytes, catalog))).digest('hex').slice(0, 32);
}
