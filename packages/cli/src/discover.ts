/**
 * File discovery: walks the given paths, honouring every .gitignore on the way (nested ones
 * included, and those above the scan root up to the repository's top), the config's `exclude`
 * globs, and never entering node_modules or .git. Symbolic links are not followed, so a link loop
 * cannot hang the walk. A folder or file that cannot be read becomes a notification, not a crash.
 *
 * In a git work tree, files git tracks are scanned even where .gitignore matches them
 * (tracked-files.ts): they are pushed with the repository.
 *
 * A hand-written walk rather than fast-glob: it prunes ignored folders before entering them
 * (a gitignored build folder costs nothing) and reports each unreadable path by name.
 */
import { existsSync, readFileSync, type Stats } from 'node:fs';
import { lstat, opendir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { Notification } from '@leakguard/core';
import { childPath, shownName } from './file-names.js';
import { listTrackedFiles, type TrackedFiles } from './tracked-files.js';

export interface DiscoveredFile {
  /** The absolute path as shown (a byte that is not UTF-8 escaped as `\xNN`, see file-names.ts). */
  absolute: string;
  /** Relative to the base folder, forward slashes, shown the same way. */
  path: string;
  /** The exact path bytes to open, when some name on the way is not valid UTF-8. */
  raw?: Buffer;
}

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

interface IgnoreLayer {
  /** Folder the .gitignore lives in. */
  dir: string;
  rules: Ignore;
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

async function readGitignore(dir: string, fsDir: string | Buffer): Promise<IgnoreLayer | undefined> {
  try {
    const text = await readFile(childPath(fsDir, Buffer.from('.gitignore')), 'utf8');
    return { dir, rules: ignore().add(text) };
  } catch {
    return undefined;
  }
}

/** The work tree top around `start` (the nearest folder with .git, `start` included), if any. */
function repositoryTop(start: string): string | undefined {
  let dir = start;
  for (let guard = 0; guard < 100; guard++) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/**
 * .gitignore files of the folders above `start`, up to the repository top (the folder with .git).
 * A scan root that is itself a repository top inherits nothing from an enclosing repository.
 */
function ancestorLayers(start: string): IgnoreLayer[] {
  if (existsSync(join(start, '.git'))) return [];
  const chain: string[] = [];
  let dir = dirname(start);
  let guard = 0;
  while (guard++ < 100) {
    chain.push(dir);
    if (existsSync(join(dir, '.git'))) break;
    const parent = dirname(dir);
    if (parent === dir) return []; // not inside a repository: no ancestor rules apply
    dir = parent;
  }
  const layers: IgnoreLayer[] = [];
  for (const d of chain.reverse()) {
    try {
      layers.push({ dir: d, rules: ignore().add(readFileSync(join(d, '.gitignore'), 'utf8')) });
    } catch {
      // no .gitignore there
    }
  }
  return layers;
}

/** Git's precedence: the deepest .gitignore with a rule matching the path decides (`!keep.log` re-includes). */
function ignoredBy(layers: IgnoreLayer[], absolute: string, isDir: boolean): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    const rel = toPosix(relative(layer.dir, absolute));
    if (rel === '' || rel.startsWith('..')) continue;
    const verdict = layer.rules.test(isDir ? `${rel}/` : rel);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

function specialKind(info: Stats): string {
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  return 'a special file';
}

export interface DiscoverOptions {
  /** Paths are reported relative to this folder. */
  base: string;
  exclude: string[];
  notify: (n: Notification) => void;
}

/** Yields every file to scan under `paths`, in a stable order. */
export async function* discoverFiles(paths: string[], options: DiscoverOptions): AsyncGenerator<DiscoveredFile> {
  const excluded = ignore().add(options.exclude);
  const rel = (abs: string) => toPosix(relative(options.base, abs)) || '.';
  const isExcluded = (abs: string, isDir: boolean) => {
    const r = rel(abs);
    if (r.startsWith('..') || r === '.') return false;
    return excluded.ignores(isDir ? `${r}/` : r);
  };
  const seen = new Set<string>();
  // Per work tree top: its tracked files, listed the first time an ignore rule matches in it.
  const trackedByTop = new Map<string, Promise<TrackedFiles | undefined>>();
  const trackedAround = (top: string | undefined): Promise<TrackedFiles | undefined> | undefined => {
    if (top === undefined) return undefined;
    let listed = trackedByTop.get(top);
    if (!listed) {
      listed = listTrackedFiles(top).then((result) => {
        if (!('error' in result)) return result;
        options.notify({ kind: 'git', level: 'note', message: `cannot list the files git tracks, so .gitignore alone decides: ${result.error}`, path: rel(top) });
        return undefined;
      });
      trackedByTop.set(top, listed);
    }
    return listed;
  };
  /** Ignored by .gitignore, and not tracked by git (a tracked file is pushed, so it is scanned). */
  const ignoredUntracked = async (layers: IgnoreLayer[], top: string | undefined, abs: string, isDir: boolean) => {
    if (!ignoredBy(layers, abs, isDir)) return false;
    const tracked = await trackedAround(top);
    return !tracked || !(isDir ? tracked.dirs : tracked.files).has(abs);
  };

  /** `dir` as shown; `fsDir` as opened (bytes once a name on the way is not UTF-8). */
  async function* walk(dir: string, fsDir: string | Buffer, layers: IgnoreLayer[], top: string | undefined): AsyncGenerator<DiscoveredFile> {
    const own = await readGitignore(dir, fsDir);
    const active = own ? [...layers, own] : layers;
    let entries: { name: string; raw: Buffer; kind: 'dir' | 'file' | 'other' }[];
    try {
      // Names as bytes (the types only know string encodings; Node returns Buffer names for 'buffer').
      const handle = await opendir(fsDir, { encoding: 'buffer' as BufferEncoding });
      entries = [];
      for await (const d of handle) {
        const raw = d.name as unknown as Buffer;
        entries.push({ name: shownName(raw), raw, kind: d.isDirectory() ? 'dir' : d.isFile() ? 'file' : 'other' });
      }
    } catch (error) {
      options.notify({ kind: 'read-error', level: 'error', message: `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, path: rel(dir) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      if (entry.kind === 'dir') {
        if (ALWAYS_SKIPPED.has(entry.name) || isExcluded(abs, true) || (await ignoredUntracked(active, top, abs, true))) continue;
        yield* walk(abs, childPath(fsDir, entry.raw), active, top);
      } else if (entry.kind === 'file') {
        if (isExcluded(abs, false) || seen.has(abs) || (await ignoredUntracked(active, top, abs, false))) continue;
        seen.add(abs);
        const fsFile = childPath(fsDir, entry.raw);
        yield typeof fsFile === 'string' ? { absolute: abs, path: rel(abs) } : { absolute: abs, path: rel(abs), raw: fsFile };
      }
      // symbolic links, sockets, FIFOs: never followed
    }
  }

  for (const input of paths) {
    const abs = resolve(options.base, input);
    let info;
    try {
      info = await lstat(abs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      options.notify({ kind: 'read-error', level: 'error', message: code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${code ?? String(error)}`, path: toPosix(input) });
      continue;
    }
    if (info.isDirectory()) {
      yield* walk(abs, abs, ancestorLayers(abs), repositoryTop(abs));
    } else if (info.isFile()) {
      // A file named explicitly is scanned even if ignored: the user asked for it.
      if (!seen.has(abs)) {
        seen.add(abs);
        yield { absolute: abs, path: rel(abs) };
      }
    } else if (info.isSymbolicLink()) {
      options.notify({ kind: 'skipped-binary', level: 'note', message: 'symbolic link not followed', path: toPosix(input) });
    } else {
      // Named, so the user expects it read: say why it was not (an error, so --strict exits 2).
      options.notify({ kind: 'read-error', level: 'error', message: `cannot read: not a regular file (${specialKind(info)})`, path: toPosix(input) });
    }
  }
}
