/**
 * One .gitignore of the walk, asked the way the walk needs: "is this entry of this folder ignored
 * by this file's rules?". Every answer is the `ignore` package's, but most are not asked of it:
 *
 * - A folder's state (ignored or not, by this layer) is worked out once when the walk enters it
 *   (`childState`), so an entry is tested on its own and not again with every folder above it.
 * - Most patterns hold no slash but a trailing one (`*.pyc`, `node_modules/`, `.DS_Store`): git
 *   matches those against an entry's name alone, so their verdict depends on the name (and whether
 *   it is a folder) and is remembered per name: a tree repeats `index.js`, `package.json` and
 *   `README.md` thousands of times.
 * - The other patterns (`DocProject/Help/*.hhc`, `**\/[Pp]ackages/*`) each hold a literal run of
 *   name characters that any path they match contains (`docproject`, `ackages`; case aside, as
 *   `ignore` compares without case). A path holding none of them cannot match one of them, and its
 *   verdict is the name patterns' alone; otherwise the whole layer is asked, as before.
 *
 * On a real tree (serverless-patterns: a .gitignore in most of 1,500 projects, many of them
 * GitHub's 400-line Visual Studio template) asking `ignore` every time was a fifth of the CPU time.
 */
import ignore, { type Ignore } from 'ignore';

/** Whether `ignore` says an entry is ignored, re-included by a `!` pattern, or neither. */
export interface Verdict {
  ignored: boolean;
  unignored: boolean;
}

/** Names remembered per layer: beyond this it stops remembering (a hostile tree of unique names). */
const MAX_REMEMBERED = 50_000;

/** A pattern's body: without `!`, trailing spaces (as `ignore` trims them) and one trailing `/` (which only says "a folder"). */
function body(line: string): string {
  return (line.startsWith('!') ? line.slice(1) : line).replace(/ +$/, '').replace(/\/$/, '');
}

/** Matched against a name alone (see the module comment); `**` and anything slashed are not. */
function namePattern(line: string): boolean {
  const b = body(line);
  return !b.includes('/') && !b.includes('**');
}

/**
 * The longest literal run that every path matching `line` holds; '' when there is none to rely
 * on. Literal: ASCII but blanks and the glob's own characters, so that `ignore`'s case-insensitive
 * match (the `i` flag without `u`) and a case-insensitive search agree on it. Runs inside a bracket
 * expression (`[Pp]`) are not literal, so only the text before the first `[` and after the last `]`
 * counts; a `\` escape ends a run.
 */
export function needleOf(line: string): string {
  const b = body(line);
  const open = b.indexOf('[');
  const parts = open < 0 ? [b] : [b.slice(0, open), b.slice(b.lastIndexOf(']') + 1).split('[')[0]!];
  let best = '';
  for (const part of parts) for (const run of part.split(/[^!-)+-.0->@-Z^-~]+/)) if (run.length > best.length) best = run;
  return best;
}

/** One case-insensitive search for any of `needles`; undefined when some pattern has none (then every path is asked). */
function anyOf(needles: string[]): RegExp | undefined {
  if (needles.includes('')) return undefined;
  return new RegExp([...new Set(needles)].map((n) => n.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&')).join('|'), 'i');
}

interface Split {
  /** `ignore` over the name patterns alone, in their order. */
  names: Ignore;
  /** Finds a needle of some name pattern in a name; undefined: every name is asked. */
  nameNeedles: RegExp | undefined;
  /** Finds a needle of some other pattern in a path; undefined when there are no other patterns. */
  pathNeedles: RegExp | undefined;
}

/** The patterns of `text` split as the module comment says, or undefined when the split cannot be relied on. */
function split(text: string): Split | undefined {
  // A byte-order mark is dropped from the first line only: a line moved first must not lose one.
  if (text.includes('\uFEFF')) return undefined;
  const lines = (text.endsWith('\r') ? text.slice(0, -1) : text).split(/\r?\n/);
  const names: string[] = [];
  const nameNeedles: string[] = [];
  const pathNeedles: string[] = [];
  for (const line of lines) {
    if (line === '' || line.startsWith('#')) continue;
    if (namePattern(line)) {
      names.push(line);
      // A line `ignore` reads as no pattern at all (blank, a lone `!`) needs no needle.
      if ((line.startsWith('!') ? line.slice(1) : line).replace(/ +$/, '') !== '') nameNeedles.push(needleOf(line));
    } else pathNeedles.push(needleOf(line));
  }
  if (pathNeedles.includes('')) return undefined;
  return { names: ignore().add(names.join('\n')), nameNeedles: anyOf(nameNeedles), pathNeedles: pathNeedles.length > 0 ? anyOf(pathNeedles) : undefined };
}

const NEITHER: Verdict = Object.freeze({ ignored: false, unignored: false });

/** The patterns of one .gitignore text, shared by every folder whose .gitignore has that text. */
export class IgnoreRules {
  readonly all: Ignore;
  private readonly split: Split | undefined;
  /** Per name (a trailing `/` for a folder): the name patterns' verdict. */
  private readonly byName = new Map<string, Verdict>();

  constructor(text: string) {
    this.all = ignore().add(text);
    this.split = split(text);
  }

  /**
   * The verdict on the entry `rel` (relative to the .gitignore's folder; a trailing `/` for a
   * folder), named `name` (the same trailing `/`), in a folder these rules do not ignore (see
   * `IgnoreLayer.childState`).
   */
  test(rel: string, name: string): Verdict {
    const split = this.split;
    if (split === undefined) return this.all.test(rel);
    if (split.pathNeedles?.test(rel)) return this.all.test(rel);
    let verdict = this.byName.get(name);
    if (verdict === undefined) {
      // Relative to the .gitignore's folder, the name alone is a path with no folder above it to check.
      if (split.nameNeedles && !split.nameNeedles.test(name)) verdict = NEITHER;
      else {
        const { ignored, unignored } = split.names.test(name);
        verdict = { ignored, unignored };
      }
      if (this.byName.size < MAX_REMEMBERED) this.byName.set(name, verdict);
    }
    return verdict;
  }
}

/**
 * The rules for `text`, compiled once per walk however many folders hold the same .gitignore (a
 * repository of samples repeats a few templates hundreds of times), bounded by MAX_SHARED texts.
 */
export function rulesFor(text: string, shared: Map<string, IgnoreRules>): IgnoreRules {
  let rules = shared.get(text);
  if (rules === undefined) {
    rules = new IgnoreRules(text);
    if (shared.size < MAX_SHARED) shared.set(text, rules);
  }
  return rules;
}

/** Distinct .gitignore texts shared per walk. */
const MAX_SHARED = 1_000;

/** A .gitignore in the walk: its folder and its rules. */
export class IgnoreLayer {
  constructor(
    readonly dir: string,
    readonly rules: IgnoreRules,
  ) {}

  /** See IgnoreRules.test. */
  test(rel: string, name: string): Verdict {
    return this.rules.test(rel, name);
  }

  /**
   * Whether this layer ignores the folder `rel` (relative to the layer's folder, trailing `/`), named
   * `name` (trailing `/`), given whether it ignores the folder holding it: as in git and `ignore`, a
   * folder inside an ignored folder is ignored, and nothing in it can be re-included.
   */
  childState(parentIgnored: boolean, rel: string, name: string): boolean {
    return parentIgnored || this.rules.test(rel, name).ignored;
  }
}
