/**
 * Glob arguments on the command line: `leakguard scan 'infra/**\/*.tf'`. CI steps and pre-commit
 * entries quote their patterns so the shell does not expand them (and a shell would stop at its own
 * argument limit, or expand `**` as `*`). An argument is a pattern only when no file or folder has
 * that literal name (Next.js routes are named `[id].ts`) and it holds a glob character.
 *
 * Syntax, as users of fast-glob and gitignore expect: `*` (any run within a name), `?` (one
 * character), `[abc]`, `[a-z]`, `[!abc]` / `[^abc]`, `**` as a whole segment (any number of
 * folders), `{a,b}` (alternatives, nestable) and `\` before a character to take it literally. A `*`
 * also matches names that start with a dot: a secret scanner asked for `'**\/*.env'` must find `.env`.
 *
 * Hand-written rather than a regex compiler: the matcher is linear in the name for each segment
 * pattern (one backtrack point, the last `*`), and `**` is matched by a memo over (pattern segment,
 * path segment) pairs, so no pattern can make a long path name take exponential time. Alternatives are
 * expanded up front and bounded.
 */

/** More alternatives than this after expanding `{}` is refused: a mistyped pattern, not a request. */
export const MAX_ALTERNATIVES = 256;
/** A longer pattern is refused (a path is at most 4096 bytes on Linux). */
export const MAX_PATTERN_LENGTH = 4096;

/** One element of a name pattern. */
type Part =
  | { kind: 'char'; char: string }
  | { kind: 'any' } // ?
  | { kind: 'star' } // *
  | { kind: 'class'; negated: boolean; ranges: Array<[string, string]> };

/** A path segment of a pattern: `**`, or a name pattern. */
type Segment = { kind: 'globstar' } | { kind: 'name'; parts: Part[] };

export interface PathPattern {
  /** The folder to walk, as given: the segments before the first one holding a glob character ('.' if none). */
  base: string;
  /** True when `rel` (a file's path below `base`, forward slashes) matches. */
  matches(rel: string): boolean;
  /** False when no path below the folder `rel` (below `base`) can match: the walk need not enter it. */
  mayHold(rel: string): boolean;
}

const GLOB_CHARS = /[*?[\]{}]/;

/** True when `arg` holds a glob character (an unescaped one is not checked: `\*` is rare in a path). */
export function hasGlobCharacter(arg: string): boolean {
  return GLOB_CHARS.test(arg);
}

/** Splits `a{b,{c,d}}e` into its alternatives; `undefined` past MAX_ALTERNATIVES. */
function expandBraces(pattern: string): string[] | undefined {
  let open = -1;
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') {
      if (depth === 0) open = i;
      depth++;
    } else if (c === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        const options = splitTopLevelCommas(pattern.slice(open + 1, i));
        // `{x}` without a comma is literal text, as in a shell.
        if (options.length < 2) continue;
        const head = pattern.slice(0, open);
        const tails = expandBraces(pattern.slice(i + 1));
        if (tails === undefined) return undefined;
        const out: string[] = [];
        for (const option of options) {
          const inner = expandBraces(option);
          if (inner === undefined) return undefined;
          for (const a of inner) {
            for (const t of tails) {
              out.push(head + a + t);
              if (out.length > MAX_ALTERNATIVES) return undefined;
            }
          }
        }
        return out;
      }
    }
  }
  return [pattern];
}

function splitTopLevelCommas(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/** The parts of one name pattern; a `[` without its `]` is a literal `[`. */
function parseName(text: string): Part[] {
  const parts: Part[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      parts.push({ kind: 'char', char: text[++i]! });
    } else if (c === '*') {
      // `***` is `*`.
      if (parts.at(-1)?.kind !== 'star') parts.push({ kind: 'star' });
    } else if (c === '?') {
      parts.push({ kind: 'any' });
    } else if (c === '[') {
      const parsed = parseClass(text, i);
      if (parsed) {
        parts.push(parsed.part);
        i = parsed.end;
      } else {
        parts.push({ kind: 'char', char: c });
      }
    } else {
      parts.push({ kind: 'char', char: c });
    }
  }
  return parts;
}

function parseClass(text: string, open: number): { part: Part; end: number } | undefined {
  let i = open + 1;
  const negated = text[i] === '!' || text[i] === '^';
  if (negated) i++;
  const ranges: Array<[string, string]> = [];
  // A `]` right after the opening is a member, as in POSIX.
  let first = true;
  for (; i < text.length; i++) {
    let c = text[i]!;
    if (c === ']' && !first) return { part: { kind: 'class', negated, ranges }, end: i };
    first = false;
    if (c === '\\' && i + 1 < text.length) c = text[++i]!;
    if (text[i + 1] === '-' && i + 2 < text.length && text[i + 2] !== ']') {
      let to = text[i + 2]!;
      i += 2;
      if (to === '\\' && i + 1 < text.length) to = text[++i]!;
      ranges.push([c, to]);
    } else {
      ranges.push([c, c]);
    }
  }
  return undefined;
}

function partMatches(part: Part, c: string): boolean {
  switch (part.kind) {
    case 'char':
      return part.char === c;
    case 'any':
      return true;
    case 'class': {
      const inside = part.ranges.some(([from, to]) => c >= from && c <= to);
      return inside !== part.negated;
    }
    case 'star':
      return false;
  }
}

/**
 * Wildcard match of one name. Greedy with one backtrack point (the last `*` seen): a later star
 * makes every earlier choice final, so the work is at most name length x pattern length.
 */
function nameMatches(parts: Part[], name: string): boolean {
  let p = 0;
  let n = 0;
  let starP = -1;
  let starN = 0;
  while (n < name.length) {
    const part = parts[p];
    if (part !== undefined && part.kind === 'star') {
      starP = p++;
      starN = n;
    } else if (part !== undefined && partMatches(part, name[n]!)) {
      p++;
      n++;
    } else if (starP >= 0) {
      p = starP + 1;
      n = ++starN;
    } else {
      return false;
    }
  }
  while (parts[p]?.kind === 'star') p++;
  return p === parts.length;
}

function parseSegments(pattern: string): Segment[] {
  return pattern
    .split('/')
    .filter((s, i, all) => s !== '' && !(s === '.' && i < all.length - 1))
    .map((s): Segment => (s === '**' ? { kind: 'globstar' } : { kind: 'name', parts: parseName(s) }));
}

/**
 * Which pattern positions can stand after matching `names` (path segments) from the start: a set
 * walked segment by segment, so the work is path segments x pattern segments.
 */
function positionsAfter(segments: Segment[], names: string[]): Set<number> {
  const close = (set: Set<number>) => {
    // `**` may match no folder at all.
    for (const i of [...set]) {
      let j = i;
      while (segments[j]?.kind === 'globstar') set.add(++j);
    }
    return set;
  };
  let at = close(new Set([0]));
  for (const name of names) {
    const next = new Set<number>();
    for (const i of at) {
      const segment = segments[i];
      if (segment === undefined) continue;
      if (segment.kind === 'globstar') {
        // `**` does not enter `.git`-like names any differently: the walk already skips those.
        next.add(i);
        next.add(i + 1);
      } else if (nameMatches(segment.parts, name)) {
        next.add(i + 1);
      }
    }
    at = close(next);
    if (at.size === 0) break;
  }
  return at;
}

/** The leading segments that hold no glob character: where the walk starts. */
function staticBase(pattern: string): { base: string; rest: string } {
  const segments = pattern.split('/');
  let k = 0;
  while (k < segments.length - 1 && !hasGlobCharacter(segments[k]!) && !segments[k]!.includes('\\')) k++;
  const head = segments.slice(0, k);
  const base = head.length === 0 ? '.' : head.join('/') || '/';
  return { base, rest: segments.slice(k).join('/') };
}

/**
 * Compiles a command-line glob. Alternatives that start in different folders share the deepest
 * common one as the base. Returns a message for a pattern leakguard refuses.
 */
export function compilePathPattern(arg: string): PathPattern | { error: string } {
  if (arg.length > MAX_PATTERN_LENGTH) return { error: `pattern longer than ${MAX_PATTERN_LENGTH} characters` };
  const alternatives = expandBraces(arg.replace(/\\(?=\/)/g, ''));
  if (alternatives === undefined) return { error: `pattern expands to more than ${MAX_ALTERNATIVES} alternatives` };
  const split = alternatives.map(staticBase);
  const absolute = split.filter((s) => s.base.startsWith('/')).length;
  if (absolute > 0 && absolute < split.length) return { error: 'alternatives mix absolute and relative paths' };
  const base = commonFolder(split.map((s) => s.base));
  const baseDepth = base === '.' ? 0 : base.split('/').filter(Boolean).length;
  const compiled = split.map(({ base: own, rest }) => {
    // The part of this alternative's own base below the common one is matched literally.
    const below = own === '.' ? [] : own.split('/').filter(Boolean).slice(baseDepth);
    const literal = below.map((name): Segment => ({ kind: 'name', parts: [...name].map((char): Part => ({ kind: 'char', char })) }));
    return [...literal, ...parseSegments(rest)];
  });
  const names = (rel: string) => (rel === '.' || rel === '' ? [] : rel.split('/'));
  return {
    base,
    matches: (rel) => compiled.some((segments) => positionsAfter(segments, names(rel)).has(segments.length)),
    mayHold: (rel) => compiled.some((segments) => [...positionsAfter(segments, names(rel))].some((i) => i < segments.length)),
  };
}

function commonFolder(bases: string[]): string {
  const lists = bases.map((b) => (b === '.' ? [] : b.split('/').filter(Boolean)));
  const first = lists[0] ?? [];
  let k = 0;
  while (k < first.length && lists.every((l) => l[k] === first[k])) k++;
  const common = first.slice(0, k).join('/');
  if (bases[0]?.startsWith('/')) return `/${common}`;
  return common === '' ? '.' : common;
}
