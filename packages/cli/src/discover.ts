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
 * (a gitignored build folder costs nothing) and reports each unreadable path by name. Folders are
 * read synchronously, one at a time, by an explicit stack: a real tree is many small folders, and
 * an async opendir, a failed async read of a missing .gitignore and a nested generator per folder
 * cost ~5 s on 28,000 files (mostly waiting on libuv's thread pool) against ~0.3 s this way.
 */
import { existsSync, readdirSync, readFileSync, type Dirent, type Stats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';
import type { Notification } from '@leakguard/core';
import { childPath, shownName } from './file-names.js';
import { IgnoreLayer, rulesFor, type IgnoreRules } from './ignore-layer.js';
import { compilePathPattern, hasGlobCharacter, type PathPattern } from './path-pattern.js';
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

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

const GITIGNORE = Buffer.from('.gitignore');

function readGitignore(dir: string, fsDir: string | Buffer, shared: Map<string, IgnoreRules>): IgnoreLayer | undefined {
  try {
    return new IgnoreLayer(dir, rulesFor(readFileSync(childPath(fsDir, GITIGNORE), 'utf8'), shared));
  } catch {
    return undefined;
  }
}

interface Entry {
  name: string;
  raw: Buffer;
  kind: 'dir' | 'file' | 'other';
}

/** A folder being walked: its entries in name order and the next one to look at. */
interface Frame {
  dir: string;
  fsDir: string | Buffer;
  /** `dir` relative to the base folder, as paths are shown (`rel`). */
  rel: string;
  layers: IgnoreLayer[];
  /** `layerPrefixes(layers, dir)`. */
  prefixes: string[];
  /** Per layer: whether it ignores `dir` itself (then everything in it), see `folderStates`. */
  ignoredDir: boolean[];
  entries: Entry[];
  next: number;
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
function ancestorLayers(start: string, shared: Map<string, IgnoreRules>): IgnoreLayer[] {
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
      layers.push(new IgnoreLayer(d, rulesFor(readFileSync(join(d, '.gitignore'), 'utf8'), shared)));
    } catch {
      // no .gitignore there
    }
  }
  return layers;
}

/**
 * Git's precedence: the deepest .gitignore with a rule matching the path decides (`!keep.log`
 * re-includes); a layer that ignores the folder ignores everything in it. `prefixes[i]` is the
 * folder of the entry relative to `layers[i]`'s folder (`''` for that folder itself), worked out
 * once per folder rather than once per entry and layer.
 */
function ignoredBy(layers: IgnoreLayer[], prefixes: string[], ignoredDir: boolean[], name: string, isDir: boolean): boolean {
  const own = isDir ? `${name}/` : name;
  for (let i = layers.length - 1; i >= 0; i--) {
    if (ignoredDir[i]) return true;
    const verdict = layers[i]!.test(prefixes[i] ? `${prefixes[i]}/${own}` : own, own);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

/** Each layer's view of `dir` (see ignoredBy); `..` where a layer is not above it (never the case in a walk). */
function layerPrefixes(layers: IgnoreLayer[], dir: string): string[] {
  return layers.map((layer) => toPosix(relative(layer.dir, dir)));
}

/** Per layer, whether it ignores the folder at `prefixes[i]` (by that folder or one on the way to it). */
function folderStates(layers: IgnoreLayer[], prefixes: string[]): boolean[] {
  return layers.map((layer, i) => {
    let ignored = false;
    let at = '';
    for (const name of prefixes[i] ? prefixes[i]!.split('/') : []) {
      at = at ? `${at}/${name}` : name;
      ignored = layer.childState(ignored, `${at}/`, `${name}/`);
    }
    return ignored;
  });
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
  const excluded = options.exclude.length > 0 ? ignore().add(options.exclude) : undefined;
  const rel = (abs: string) => toPosix(relative(options.base, abs)) || '.';
  /** `r` is the path relative to the base (`rel`). */
  const isExcluded = (r: string, isDir: boolean) => {
    if (excluded === undefined || r.startsWith('..') || r === '.') return false;
    return excluded.ignores(isDir ? `${r}/` : r);
  };
  /** A name inside the folder at `r` (relative to the base), as `rel` would give it. */
  const inside = (r: string, name: string) => (r === '.' ? name : `${r}/${name}`);
  // Files already yielded: only several paths on the command line can name one twice.
  const seen = paths.length > 1 ? new Set<string>() : undefined;
  // .gitignore texts compiled once each (see ignore-layer.ts).
  const shared = new Map<string, IgnoreRules>();
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
  /** Not tracked by git, for a path .gitignore matched (a tracked file is pushed, so it is scanned). */
  const untracked = async (top: string | undefined, abs: string, isDir: boolean) => {
    const tracked = await trackedAround(top);
    return !tracked || !(isDir ? tracked.dirs : tracked.files).has(abs);
  };

  /**
   * Reads `dir` (shown; `dirRel` relative to the base) at `fsDir` (opened: bytes once a name on the
   * way is not UTF-8) onto the stack, with the layers around it: `inherited`, with their prefixes and
   * states at `dir`, then its own .gitignore if it has one.
   */
  function enter(stack: Frame[], dir: string, dirRel: string, fsDir: string | Buffer, inherited: IgnoreLayer[], prefixes: string[], ignoredDir: boolean[]): void {
    let dirents: Dirent<Buffer>[];
    try {
      // Names as bytes (the types only know string encodings; Node returns Buffer names for 'buffer').
      dirents = readdirSync(fsDir, { withFileTypes: true, encoding: 'buffer' as BufferEncoding }) as unknown as Dirent<Buffer>[];
    } catch (error) {
      options.notify({ kind: 'read-error', level: 'error', message: `cannot read folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, path: rel(dir) });
      return;
    }
    const entries: Entry[] = dirents.map((d) => ({ name: shownName(d.name), raw: d.name, kind: d.isDirectory() ? 'dir' : d.isFile() ? 'file' : 'other' }));
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Most folders have no .gitignore: the listing says so without a failed open.
    const own = entries.some((e) => e.name === '.gitignore' && e.kind !== 'dir') ? readGitignore(dir, fsDir, shared) : undefined;
    const layers = own ? [...inherited, own] : inherited;
    stack.push({ dir, rel: dirRel, fsDir, layers, prefixes: own ? [...prefixes, ''] : prefixes, ignoredDir: own ? [...ignoredDir, false] : ignoredDir, entries, next: 0 });
  }

  /** Enters the folder `entry` of `frame`: each layer's prefix and state there follow from the frame's. */
  function enterChild(stack: Frame[], frame: Frame, entry: Entry, abs: string, absRel: string): void {
    const name = entry.name;
    const prefixes = frame.prefixes.map((p) => (p ? `${p}/${name}` : name));
    const ignoredDir = frame.layers.map((layer, i) => layer.childState(frame.ignoredDir[i]!, `${prefixes[i]}/`, `${name}/`));
    enter(stack, abs, absRel, childPath(frame.fsDir, entry.raw), frame.layers, prefixes, ignoredDir);
  }

  /**
   * Every file under `root`, depth first in name order (the order a recursive walk gives); with a
   * `pattern`, only files it matches, entering only folders that can hold one.
   */
  async function* walk(root: string, layers: IgnoreLayer[], top: string | undefined, pattern?: PathPattern): AsyncGenerator<DiscoveredFile> {
    const stack: Frame[] = [];
    const prefixes = layerPrefixes(layers, root);
    const rootRel = rel(root);
    // A path below the base folder as the pattern sees it: below `root`.
    const belowRoot = (r: string) => (rootRel === '.' ? r : r.slice(rootRel.length + 1));
    enter(stack, root, rootRel, root, layers, prefixes, folderStates(layers, prefixes));
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const entry = frame.entries[frame.next++];
      if (!entry) {
        stack.pop();
        continue;
      }
      if (entry.kind === 'other') continue; // symbolic links, sockets, FIFOs: never followed
      const abs = join(frame.dir, entry.name);
      const absRel = inside(frame.rel, entry.name);
      if (entry.kind === 'dir') {
        if (ALWAYS_SKIPPED.has(entry.name) || isExcluded(absRel, true)) continue;
        if (pattern && !pattern.mayHold(belowRoot(absRel))) continue;
        if (ignoredBy(frame.layers, frame.prefixes, frame.ignoredDir, entry.name, true) && (await untracked(top, abs, true))) continue;
        enterChild(stack, frame, entry, abs, absRel);
      } else {
        if (isExcluded(absRel, false) || seen?.has(abs)) continue;
        if (pattern && !pattern.matches(belowRoot(absRel))) continue;
        if (ignoredBy(frame.layers, frame.prefixes, frame.ignoredDir, entry.name, false) && (await untracked(top, abs, false))) continue;
        seen?.add(abs);
        const fsFile = childPath(frame.fsDir, entry.raw);
        yield typeof fsFile === 'string' ? { absolute: abs, path: absRel } : { absolute: abs, path: absRel, raw: fsFile };
      }
    }
  }

  /** Walks the folder a glob argument starts in, yielding the files it matches (see path-pattern.ts). */
  async function* walkPattern(input: string): AsyncGenerator<DiscoveredFile> {
    const pattern = compilePathPattern(input);
    if ('error' in pattern) {
      options.notify({ kind: 'config', level: 'error', message: `cannot use this pattern: ${pattern.error}`, path: toPosix(input) });
      return;
    }
    const root = resolve(options.base, pattern.base);
    const info = await lstat(root).catch(() => undefined);
    if (!info?.isDirectory()) {
      options.notify({ kind: 'read-error', level: 'error', message: `no such file or folder, and no folder ${pattern.base} to match the pattern in`, path: toPosix(input) });
      return;
    }
    let matched = 0;
    for await (const file of walk(root, namedFolderLayers(root), repositoryTop(root), pattern)) {
      matched++;
      yield file;
    }
    // Not an input failure (--strict): a pattern that matches nothing today may match tomorrow.
    if (matched === 0) options.notify({ kind: 'config', level: 'warning', message: 'no file matches this pattern', path: toPosix(input) });
  }

  /**
   * The enclosing .gitignore layers for a folder named on the command line. It is walked even where
   * one of them ignores it (as rg does): the user asked for it, and a silent "0 files scanned" would
   * hide what it holds. Its own and nested .gitignore files still apply; the enclosing ones do not.
   */
  function namedFolderLayers(abs: string): IgnoreLayer[] {
    const ancestors = ancestorLayers(abs, shared);
    const around = layerPrefixes(ancestors, dirname(abs));
    const named = ignoredBy(ancestors, around, folderStates(ancestors, around), basename(abs), true);
    return named ? [] : ancestors;
  }

  for (const input of paths) {
    const abs = resolve(options.base, input);
    let info;
    try {
      info = await lstat(abs);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // No file has this literal name (Next.js routes are named `[id].ts`): a glob, if it looks like one.
      if (code === 'ENOENT' && hasGlobCharacter(input)) {
        yield* walkPattern(input);
        continue;
      }
      options.notify({ kind: 'read-error', level: 'error', message: code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${code ?? String(error)}`, path: toPosix(input) });
      continue;
    }
    if (info.isDirectory()) {
      yield* walk(abs, namedFolderLayers(abs), repositoryTop(abs));
    } else if (info.isFile()) {
      // A file named explicitly is scanned even if ignored: the user asked for it.
      if (!seen?.has(abs)) {
        seen?.add(abs);
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
