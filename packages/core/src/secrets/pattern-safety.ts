/**
 * Whether a user pattern (`customRules`, `allow`) is safe to run as a backtracking JavaScript
 * RegExp, the engine's fallback where RE2 is not available (`LEAKGUARD_REGEX_ENGINE=js`, an
 * editor's Electron Node, an install without the optional `re2`). RE2 runs any pattern in linear
 * time; a backtracking engine can take exponential time on `(a+)+$` and polynomial time on `.*.*=`
 * over a window of a kilobyte, which hangs the scan or the editor.
 *
 * A conservative static check, not a proof: it refuses
 * - a repeated group whose body holds a quantifier, or alternatives that can start with the same
 *   character (`(a+)+`, `(a|ab)*`): the classic exponential shapes (rewrite with a character
 *   class: `[a-z0-9-]+`); `(?:[a-z]|%2F)+` is fine;
 * - two unbounded quantifiers with only optional items between them whose characters overlap
 *   (`.*.*`, `\w+\d+`, `[a-z]+_?[a-z]+`): each adds a power of the window size;
 * - backreferences and lookarounds, which RE2 refuses too, so a pattern means the same everywhere.
 * Catalog patterns are not checked here: the catalog tests run every one under both engines.
 */

/** Characters an item can match, over ASCII (bit per code) plus "anything non-ASCII". */
interface CharSet {
  ascii: bigint;
  other: boolean;
}

interface Item {
  set: CharSet;
  /** Fewest characters it matches. */
  min: number;
  /** Most repetitions of the atom itself. */
  max: number;
  /** The characters of an unbounded run it can start with, if any (`[a-z]+x`: [a-z]). */
  head?: CharSet;
  /** The characters of an unbounded run it can end with, if any (`x[a-z]+`: [a-z]). */
  tail?: CharSet;
  /** A group: its alternatives, each a sequence. */
  alternatives?: Item[][];
}

const ALL: CharSet = { ascii: (1n << 128n) - 1n, other: true };
const range = (from: number, to: number): bigint => ((1n << BigInt(to + 1)) - 1n) ^ ((1n << BigInt(from)) - 1n);
const DIGIT = range(48, 57);
const WORD = DIGIT | range(65, 90) | range(97, 122) | (1n << 95n);
const SPACE = range(9, 13) | (1n << 32n);
const union = (a: CharSet, b: CharSet): CharSet => ({ ascii: a.ascii | b.ascii, other: a.other || b.other });
const overlap = (a: CharSet, b: CharSet): boolean => (a.ascii & b.ascii) !== 0n || (a.other && b.other);
const complement = (a: CharSet): CharSet => ({ ascii: ALL.ascii ^ a.ascii, other: true });

class Unsafe extends Error {}

class PatternReader {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly ignoreCase: boolean,
  ) {}

  read(): Item[][] {
    const alts = this.alternatives();
    if (this.i < this.src.length) throw new Unsafe('an unbalanced ")"'); // the compiler refuses it anyway
    return alts;
  }

  private alternatives(): Item[][] {
    const alts: Item[][] = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts;
  }

  private sequence(): Item[] {
    const items: Item[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      if (atom) items.push(this.quantified(atom));
    }
    return items;
  }

  private quantified(item: Item): Item {
    const c = this.src[this.i];
    let min = 1;
    let max = 1;
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const m = /^\{(\d*)(,?)(\d*)\}/.exec(this.src.slice(this.i));
      if (!m || (m[1] === '' && m[3] === '')) return item;
      this.i += m[0].length;
      min = Number(m[1] || 0);
      max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
    } else {
      return item;
    }
    if (this.src[this.i] === '?' || this.src[this.i] === '+') this.i++; // lazy / possessive marker
    if (max !== Infinity) return { ...item, min: item.min * min, max: item.max * max };
    return { ...item, min: item.min * min, max: Infinity, head: item.set, tail: item.set };
  }

  /** One atom, or undefined for an anchor (matches no character). */
  private atom(): Item | undefined {
    const c = this.src[this.i++]!;
    if (c === '^' || c === '$') return undefined;
    if (c === '.') return { set: ALL, min: 1, max: 1 };
    if (c === '[') return { set: this.charClass(), min: 1, max: 1 };
    if (c === '\\') return this.escape();
    if (c === '(') {
      if (this.src.startsWith('?=', this.i) || this.src.startsWith('?!', this.i) || this.src.startsWith('?<=', this.i) || this.src.startsWith('?<!', this.i)) {
        throw new Unsafe('a lookaround ((?=, (?!, (?<=, (?<!), which RE2 does not support either');
      }
      if (this.src[this.i] === '?') {
        const named = /^\?(?:P?<[A-Za-z_][A-Za-z0-9_]*>|[a-zA-Z-]*:)/.exec(this.src.slice(this.i));
        if (named) this.i += named[0].length;
      }
      const alternatives = this.alternatives();
      if (this.src[this.i] !== ')') throw new Unsafe('an unbalanced "("');
      this.i++;
      let set: CharSet = { ascii: 0n, other: false };
      for (const alt of alternatives) for (const item of alt) set = union(set, item.set);
      const min = Math.min(...alternatives.map((alt) => alt.reduce((sum, item) => sum + item.min, 0)));
      const head = alternatives.map((alt) => edgeRun(alt, 'head')).reduce(unionRun, undefined);
      const tail = alternatives.map((alt) => edgeRun(alt, 'tail')).reduce(unionRun, undefined);
      return { set, min, max: 1, alternatives, ...(head ? { head } : {}), ...(tail ? { tail } : {}) };
    }
    return { set: this.literal(c), min: 1, max: 1 };
  }

  private literal(c: string): CharSet {
    const code = c.codePointAt(0)!;
    if (code >= 128) return { ascii: 0n, other: true };
    let ascii = 1n << BigInt(code);
    if (this.ignoreCase && /[a-z]/i.test(c)) ascii |= 1n << BigInt(c.toLowerCase().charCodeAt(0)) | (1n << BigInt(c.toUpperCase().charCodeAt(0)));
    return { ascii, other: false };
  }

  private escape(): Item {
    const c = this.src[this.i++] ?? '\\';
    if (/[1-9]/.test(c) || (c === 'k' && this.src[this.i] === '<')) throw new Unsafe('a backreference, which RE2 does not support either');
    const set = this.escapeSet(c);
    if (c === 'b' || c === 'B') return { set: { ascii: 0n, other: false }, min: 0, max: 0 };
    return { set, min: 1, max: 1 };
  }

  /** The set of a class escape (`\d`, `\W`...) or an escaped literal; `\x41`, `\u0041` are skipped over. */
  private escapeSet(c: string): CharSet {
    switch (c) {
      case 'd': return { ascii: DIGIT, other: false };
      case 'D': return complement({ ascii: DIGIT, other: false });
      case 'w': return { ascii: WORD, other: false };
      case 'W': return complement({ ascii: WORD, other: false });
      case 's': return { ascii: SPACE, other: false }; // non-ASCII spaces left out: \S and [^\s] stay disjoint from it
      case 'S': return ALL;
      case 'p': case 'P': {
        const m = /^\{[^}]*\}/.exec(this.src.slice(this.i));
        if (m) this.i += m[0].length;
        return ALL;
      }
      case 'x': {
        const m = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i));
        if (!m) return this.literal('x');
        this.i += 2;
        return this.literal(String.fromCharCode(parseInt(m[0], 16)));
      }
      case 'u': {
        const m = /^(?:[0-9a-fA-F]{4}|\{[0-9a-fA-F]+\})/.exec(this.src.slice(this.i));
        if (!m) return this.literal('u');
        this.i += m[0].length;
        return this.literal(String.fromCodePoint(parseInt(m[0].replace(/[{}]/g, ''), 16)));
      }
      case 'n': return this.literal('\n');
      case 'r': return this.literal('\r');
      case 't': return this.literal('\t');
      case 'f': return this.literal('\f');
      case 'v': return this.literal('\v');
      case '0': return this.literal('\0');
      default: return this.literal(c);
    }
  }

  private charClass(): CharSet {
    let negate = false;
    if (this.src[this.i] === '^') {
      negate = true;
      this.i++;
    }
    let set: CharSet = { ascii: 0n, other: false };
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      const from = this.classMember();
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length && from.single !== undefined) {
        this.i++;
        const to = this.classMember();
        if (to.single !== undefined) {
          const lo = Math.min(from.single, 127);
          const hi = Math.min(to.single, 127);
          if (lo <= hi) set = union(set, { ascii: range(lo, hi), other: to.single >= 128 });
          if (this.ignoreCase) set = union(set, { ascii: foldCase(range(lo, Math.max(lo, hi))), other: false });
          continue;
        }
        set = union(set, union(from.set, union(to.set, this.literal('-'))));
        continue;
      }
      set = union(set, from.set);
    }
    this.i++; // the closing ]
    return negate ? complement(set) : set;
  }

  private classMember(): { set: CharSet; single?: number } {
    const c = this.src[this.i++]!;
    if (c !== '\\') return { set: this.literal(c), single: c.codePointAt(0)! };
    const e = this.src[this.i++] ?? '\\';
    const set = this.escapeSet(e);
    const simple = !'dDwWsSpP'.includes(e) && set.ascii !== 0n && (set.ascii & (set.ascii - 1n)) === 0n && !set.other;
    return simple ? { set, single: set.ascii.toString(2).length - 1 } : { set };
  }
}

/** Adds the other case of every ASCII letter in `bits`. */
function foldCase(bits: bigint): bigint {
  let out = bits;
  for (let c = 65; c <= 90; c++) {
    if (bits & (1n << BigInt(c))) out |= 1n << BigInt(c + 32);
    if (bits & (1n << BigInt(c + 32))) out |= 1n << BigInt(c);
  }
  return out;
}

const unionRun = (a: CharSet | undefined, b: CharSet | undefined): CharSet | undefined => (a && b ? union(a, b) : a ?? b);

/** The unbounded runs a sequence can start (head) or end (tail) with: up to its first required item from that side. */
function edgeRun(items: Item[], side: 'head' | 'tail'): CharSet | undefined {
  let run: CharSet | undefined;
  const ordered = side === 'head' ? items : [...items].reverse();
  for (const item of ordered) {
    run = unionRun(run, item[side]);
    if (item.min > 0) break;
  }
  return run;
}

/** True when the item (or anything inside it) can repeat: a quantifier above 1, or an alternation. */
function hasChoice(items: Item[]): boolean {
  return items.some((it) => it.max > 1 || (it.alternatives !== undefined && (it.alternatives.length > 1 || it.alternatives.some(hasChoice))));
}

/** The characters a sequence can start with (a group counts with all of its characters). */
function firstChars(items: Item[]): CharSet {
  let set: CharSet = { ascii: 0n, other: false };
  for (const item of items) {
    set = union(set, item.set);
    if (item.min > 0) break;
  }
  return set;
}

/** Alternatives that start with different characters: a repetition never has to guess between them. */
function disjointStarts(alternatives: Item[][]): boolean {
  const starts = alternatives.map(firstChars);
  return starts.every((a, i) => starts.every((b, j) => j <= i || !overlap(a, b)));
}

const EXPONENTIAL = 'a repeated group that holds a quantifier or an alternation, like (a+)+ or (a|ab)*, which can take exponential time';
const POLYNOMIAL = 'two unbounded quantifiers over the same characters with nothing required between them, like .*.* or \\w+\\d+, which can take polynomial time';

function checkSequence(items: Item[]): void {
  for (const it of items) {
    if (!it.alternatives) continue;
    if (it.max > 1 && (it.alternatives.some(hasChoice) || !disjointStarts(it.alternatives))) throw new Unsafe(EXPONENTIAL);
    for (const alt of it.alternatives) checkSequence(alt);
  }
  // An unbounded run ending one item, then one starting a later item, with only items that can match
  // nothing between them, over overlapping characters.
  for (let a = 0; a < items.length; a++) {
    const tail = items[a]!.tail;
    if (!tail) continue;
    for (let b = a + 1; b < items.length; b++) {
      const head = items[b]!.head;
      if (head && overlap(tail, head)) throw new Unsafe(POLYNOMIAL);
      if (items[b]!.min > 0) break;
    }
  }
}

/**
 * Why `pattern` (with `flags`) is not safe to run on a backtracking engine, or undefined when the
 * check finds nothing.
 */
export function backtrackingRisk(pattern: string, flags = ''): string | undefined {
  try {
    for (const alt of new PatternReader(pattern, flags.includes('i')).read()) checkSequence(alt);
    return undefined;
  } catch (error) {
    if (error instanceof Unsafe) return error.message;
    throw error;
  }
}
