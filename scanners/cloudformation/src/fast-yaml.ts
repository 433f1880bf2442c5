/**
 * A direct reader for the common, well-formed subset of YAML that templates are written in: block
 * maps and sequences (compact `- key: value` items too), plain, quoted and block scalars, flow
 * collections (JSON included), comments and the CloudFormation short-form tags. It builds exactly
 * the positioned tree that `yaml` plus tree.ts's converter build for the same text (values by the
 * YAML 1.2 core schema, the same spans), at a fraction of the cost: `yaml` composes a full document
 * model first and reads real templates at about 1 MB/s.
 *
 * Anything outside the subset (anchors and aliases, other tags, multi-line plain or quoted
 * scalars, indentation indicators, tabs or carriage returns where they could matter, several
 * documents, any syntax error) makes it give up (`undefined`), and the caller parses with `yaml`,
 * which also owns every error message and limit. tests/fast-yaml.test.ts checks the two agree on
 * every fixture and corpus file it can reach and on seeded mutations of them.
 */
import type { ParseLimits, PEntry, PNode } from './tree.js';

class Bail extends Error {}
const BAIL = new Bail();

const LF = 10;
const SP = 32;
const TAB = 9;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const COMMA = 44;
const LBRACK = 91;
const RBRACK = 93;
const LBRACE = 123;
const RBRACE = 125;
const DQUOTE = 34;
const SQUOTE = 39;

/** Characters that cannot start a plain scalar here (or start what the subset leaves to `yaml`). */
const NOT_PLAIN_START = new Set([...'[]{},#&*!|>\'"%@`?:-'].map((c) => c.charCodeAt(0)));

export interface FastYamlOptions {
  limits: ParseLimits;
  tags: Record<string, string>;
  longForms: Set<string>;
}

/** The tree of a well-formed single document in the subset, or undefined (then parse with `yaml`). */
export function fastParseYaml(text: string, options: FastYamlOptions): PNode | undefined {
  // Carriage returns and a byte-order mark change where lines and values end: left to `yaml`.
  if (text.includes('\r') || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    return new Reader(text, options).document();
  } catch (error) {
    if (error instanceof Bail || error instanceof RangeError) return undefined;
    throw error;
  }
}

class Reader {
  private pos = 0;
  private nodes = 0;
  /**
   * Where the value read last ends as an entry of its collection: after the line break of its last
   * line (a block collection: after its last entry's), which is where `yaml` ends the collection.
   */
  private lastEnd = 0;
  /** Inside a flow collection, the indentation its continuation lines must reach (`yaml`: "bad indent"). */
  private flowMin = 0;
  private readonly n: number;

  constructor(
    private readonly t: string,
    private readonly o: FastYamlOptions,
  ) {
    this.n = t.length;
  }

  document(): PNode {
    let indent = this.nextContentLine();
    if (indent < 0) throw BAIL; // an empty document: `yaml` says what it is
    const t = this.t;
    if (t.charCodeAt(this.pos) === 37 /* % */) throw BAIL; // a directive
    if (indent === 0 && this.isMarker(this.pos)) {
      if (!t.startsWith('---', this.pos)) throw BAIL;
      // `---` then nothing but a comment on its line.
      this.pos += 3;
      this.restOfLineEmpty();
      indent = this.nextContentLine();
      if (indent < 0) throw BAIL;
    }
    const root = this.blockNode(indent, 0, -1);
    if (this.nextContentLine() >= 0) throw BAIL; // a second document, `...`, or stray text
    return root;
  }

  // ---- lines -------------------------------------------------------------------------------

  /**
   * Moves to the first character of the next line that holds content (skipping blank and comment
   * lines) and returns its indentation, or -1 at the end. `pos` must be at a line start.
   */
  private nextContentLine(): number {
    const t = this.t;
    for (;;) {
      if (this.pos >= this.n) return -1;
      let i = this.pos;
      while (t.charCodeAt(i) === SP) i++;
      const c = t.charCodeAt(i);
      if (c === TAB) {
        // Tabs can't indent; a line of only white space is blank, anything else is left to `yaml`.
        let j = i;
        while (t.charCodeAt(j) === SP || t.charCodeAt(j) === TAB) j++;
        if (j < this.n && t.charCodeAt(j) !== LF && t.charCodeAt(j) !== HASH) throw BAIL;
        i = j;
      }
      const d = t.charCodeAt(i);
      if (i >= this.n) {
        this.pos = this.n;
        return -1;
      }
      if (d === LF || d === HASH) {
        const nl = t.indexOf('\n', i);
        this.pos = nl < 0 ? this.n : nl + 1;
        continue;
      }
      const indent = i - this.pos;
      this.pos = i;
      return indent;
    }
  }

  /** Index just past the end of the line holding `i` (after its `\n`, or the end of the text). */
  private afterLine(i: number): number {
    const nl = this.t.indexOf('\n', i);
    return nl < 0 ? this.n : nl + 1;
  }

  /** `---` or `...` at a line start, followed by a blank or the end of the line. */
  private isMarker(i: number): boolean {
    const t = this.t;
    if (!(t.startsWith('---', i) || t.startsWith('...', i))) return false;
    const c = t.charCodeAt(i + 3);
    return Number.isNaN(c) || c === SP || c === TAB || c === LF;
  }

  /** After a value: only blanks and a comment may remain on the line; moves past its `\n`. */
  private restOfLineEmpty(): void {
    const t = this.t;
    let i = this.pos;
    const from = i;
    while (t.charCodeAt(i) === SP || t.charCodeAt(i) === TAB) i++;
    const c = t.charCodeAt(i);
    if (c === HASH) {
      if (i === from) throw BAIL; // `#` must follow white space to start a comment
    } else if (i < this.n && c !== LF) throw BAIL;
    this.pos = this.afterLine(i);
  }

  private count(depth: number): void {
    if (++this.nodes > this.o.limits.maxNodes || depth >= this.o.limits.maxDepth - 1) throw BAIL;
  }

  // ---- block structure ---------------------------------------------------------------------

  /**
   * The node that starts at `pos` (a content line's first character at column `col`), in a block
   * whose parent sits at column `parent`.
   */
  private blockNode(col: number, depth: number, parent: number): PNode {
    const t = this.t;
    const c = t.charCodeAt(this.pos);
    if (c === DASH && this.blankOrEnd(this.pos + 1)) return this.blockSeq(col, depth);
    if (this.keyAhead()) return this.blockMap(col, depth);
    // A lone value on its own line (`key:\n  value`).
    return this.inlineValue(parent, depth, this.pos);
  }

  /** After a `:` in flow context: a blank or a flow indicator makes it a key's `:`. */
  private endsFlowPlain(i: number): boolean {
    const c = this.t.charCodeAt(i);
    return this.blankOrEnd(i) || c === COMMA || c === LBRACK || c === RBRACK || c === LBRACE || c === RBRACE;
  }

  private blankOrEnd(i: number): boolean {
    const c = this.t.charCodeAt(i);
    return Number.isNaN(c) || c === SP || c === LF || c === TAB;
  }

  /** Whether the line from `pos` is `key: ...` (a plain or quoted key, then `:` and a blank). */
  private keyAhead(): boolean {
    const t = this.t;
    const c = t.charCodeAt(this.pos);
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.quotedEnd(this.pos);
      if (close < 0) return false;
      let i = close;
      while (t.charCodeAt(i) === SP) i++;
      return t.charCodeAt(i) === COLON && this.blankOrEnd(i + 1);
    }
    return this.plainKeyEnd(this.pos) >= 0;
  }

  /** End of a plain key that starts at `i` (before its `:`), or -1 when the line is no `key:` line. */
  private plainKeyEnd(i: number): number {
    const t = this.t;
    const c = t.charCodeAt(i);
    if (NOT_PLAIN_START.has(c)) return -1;
    for (let j = i; j < this.n; j++) {
      const d = t.charCodeAt(j);
      if (d === LF) return -1;
      if (d === COLON && this.blankOrEnd(j + 1)) return j;
      if (d === HASH && (t.charCodeAt(j - 1) === SP || t.charCodeAt(j - 1) === TAB)) return -1;
    }
    return -1;
  }

  private blockMap(col: number, depth: number): PNode {
    this.count(depth);
    const t = this.t;
    const start = this.pos;
    const entries: PEntry[] = [];
    let end = start;
    for (;;) {
      // A key at `col`.
      let key: string;
      let keyStart = this.pos;
      let keyEnd: number;
      let colon: number;
      const c = t.charCodeAt(this.pos);
      if (c === DQUOTE || c === SQUOTE) {
        const q = this.quoted(this.pos);
        key = q.value;
        keyEnd = q.end;
        colon = keyEnd;
        while (t.charCodeAt(colon) === SP) colon++;
        if (t.charCodeAt(colon) !== COLON || !this.blankOrEnd(colon + 1)) throw BAIL;
      } else {
        colon = this.plainKeyEnd(this.pos);
        if (colon < 0) throw BAIL;
        keyEnd = colon;
        while (t.charCodeAt(keyEnd - 1) === SP || t.charCodeAt(keyEnd - 1) === TAB) keyEnd--;
        const raw = t.slice(keyStart, keyEnd);
        if (raw === '<<') throw BAIL; // a merge key: left to `yaml`
        key = String(plainValue(raw));
      }
      this.count(depth + 1);
      this.pos = colon + 1;
      const value = this.valueAfterIndicator(col, depth + 1, colon + 1, true);
      entries.push({ key, keySpan: { start: keyStart, end: keyEnd }, value });
      end = this.lastEnd;
      if (!this.nextEntry(col, end)) break;
      if (this.atSeqItem()) throw BAIL; // a sequence item among keys
      keyStart = this.pos;
    }
    // The map ends where its line structure stopped; the caller goes on from the next content line.
    this.rewindToLineStart();
    this.lastEnd = end;
    return this.mapOrLongForm(entries, start, end);
  }

  /**
   * After an entry of a block collection at column `col` that ended at `end`: true with `pos` at
   * the next line's first character when it continues the collection, false when it ended there.
   */
  private nextEntry(col: number, end: number): boolean {
    const next = this.nextContentLine();
    if (next < col) {
      this.checkTrailingComments(end, next);
      return false;
    }
    if (next > col || (col === 0 && this.isMarker(this.pos))) throw BAIL;
    return true;
  }

  /** `pos` is at a `- ` sequence indicator. */
  private atSeqItem(): boolean {
    return this.t.charCodeAt(this.pos) === DASH && this.blankOrEnd(this.pos + 1);
  }

  private blockSeq(col: number, depth: number): PNode {
    this.count(depth);
    const t = this.t;
    const start = this.pos;
    const items: PNode[] = [];
    let end = start;
    for (;;) {
      // `-` at `col`, then a blank or the end of the line.
      this.pos++;
      items.push(this.valueAfterIndicator(col, depth + 1, this.pos, false));
      end = this.lastEnd;
      if (!this.nextEntry(col, end)) break;
      if (!this.atSeqItem()) {
        // A key at the sequence's column: the sequence was a map value (`key:\n- a\nother: b`).
        this.checkTrailingComments(end, col);
        break;
      }
    }
    this.rewindToLineStart();
    this.lastEnd = end;
    return { kind: 'seq', items, start, end };
  }

  /**
   * A block collection ended at `end`; the next content line is indented `next` (-1: the text
   * ended). A comment line between them indented deeper than that line is one `yaml` may fold into
   * the collection or its last value, moving where they end: left to `yaml`.
   */
  private checkTrailingComments(end: number, next: number): void {
    const t = this.t;
    const limit = Math.max(next, 0);
    let p = end > 0 && t.charCodeAt(end - 1) !== LF ? this.afterLine(end) : end;
    const stop = next < 0 ? this.n : this.lineStartOf(this.pos);
    while (p < stop) {
      let k = p;
      while (t.charCodeAt(k) === SP || t.charCodeAt(k) === TAB) k++;
      if (t.charCodeAt(k) === HASH && k - p > limit) throw BAIL;
      p = this.afterLine(k);
    }
  }

  /** Whether a comment line (indented at most `maxIndent`) lies between the line starts `from` and `to`. */
  private hasCommentLine(from: number, to: number, maxIndent = Infinity): boolean {
    const t = this.t;
    for (let p = from; p < to; p = this.afterLine(p)) {
      let k = p;
      while (t.charCodeAt(k) === SP || t.charCodeAt(k) === TAB) k++;
      if (t.charCodeAt(k) === HASH && k - p <= maxIndent) return true;
    }
    return false;
  }

  /** Back to the start of the current line (after nextContentLine looked past its indentation). */
  private rewindToLineStart(): void {
    if (this.pos >= this.n) return;
    const nl = this.t.lastIndexOf('\n', this.pos - 1);
    this.pos = nl + 1;
  }

  /**
   * The value after a `key:` (`inMap`) or a `- `, whose indicator sits at column `col` and ends at
   * `indicatorEnd`. Sets `lastEnd`.
   */
  private valueAfterIndicator(col: number, depth: number, indicatorEnd: number, inMap: boolean): PNode {
    const t = this.t;
    let i = this.pos;
    while (t.charCodeAt(i) === SP) i++;
    if (t.charCodeAt(i) === TAB) throw BAIL;
    this.pos = i;
    const c = t.charCodeAt(i);
    if (i >= this.n || c === LF || c === HASH) {
      if (c === HASH && i === indicatorEnd) throw BAIL;
      // The value is on the following lines, or empty.
      this.pos = this.afterLine(i);
      const gapStart = this.pos;
      const next = this.nextContentLine();
      // A comment between the indicator and a lone value (not a block collection), indented no
      // deeper than the indicator: `yaml` may read the value as a key then; left to it.
      if (next > col && this.hasCommentLine(gapStart, this.lineStartOf(this.pos), col) && !(this.atSeqItem() || this.keyAhead())) throw BAIL;
      if (next > col || (inMap && next === col && t.charCodeAt(this.pos) === DASH && this.blankOrEnd(this.pos + 1))) return this.blockNode(next, depth, col);
      this.count(depth);
      // An empty value sits where the blanks after its indicator end. Its entry ends there too,
      // unless a comment follows (on its line or below): then where the next content starts.
      const nextContent = next < 0 ? this.n : this.pos;
      this.lastEnd = c === HASH || this.hasCommentLine(this.afterLine(i), next < 0 ? this.n : this.lineStartOf(nextContent)) ? nextContent : i;
      this.rewindToLineStart();
      return { kind: 'scalar', value: null, start: i, end: i };
    }
    // A compact nested collection on the indicator's line: `- - a`, `- key: value`.
    if (!inMap) {
      const itemCol = i - this.lineStartOf(i);
      if (c === DASH && this.blankOrEnd(i + 1)) return this.blockSeq(itemCol, depth);
      if (this.keyAhead()) return this.blockMap(itemCol, depth);
    } else if (c === DASH && this.blankOrEnd(i + 1)) throw BAIL; // `key: - a`
    return this.inlineValue(col, depth, i);
  }

  private lineStartOf(i: number): number {
    return this.t.lastIndexOf('\n', i - 1) + 1;
  }

  /**
   * A value that starts at `pos` on a line (after an indicator or alone): a tagged node, a flow
   * collection, a quoted, block or plain scalar. Leaves `pos` after the line(s) it took.
   */
  private inlineValue(parent: number, depth: number, at: number): PNode {
    const t = this.t;
    const c = t.charCodeAt(at);
    if (c === 33 /* ! */) return this.tagged(parent, depth, at);
    this.count(depth);
    if (c === LBRACK || c === LBRACE) {
      this.pos = at;
      this.flowMin = parent + 1;
      const node = this.flowNode(depth);
      this.restOfLineEmpty();
      this.lastEnd = this.pos;
      return node;
    }
    if (c === DQUOTE || c === SQUOTE) {
      const q = this.quoted(at);
      this.pos = q.end;
      this.restOfLineEmpty();
      this.lastEnd = this.pos;
      return { kind: 'scalar', value: q.value, start: at, end: q.end };
    }
    if (c === 124 /* | */ || c === 62 /* > */) return this.blockScalar(parent, at);
    return this.plainInBlock(at);
  }

  /** `!Ref x`, `!Sub |`, `!Join\n  - ...`: one of the template language's tags on a node. */
  private tagged(parent: number, depth: number, at: number): PNode {
    const t = this.t;
    let i = at;
    while (i < this.n && t.charCodeAt(i) !== SP && t.charCodeAt(i) !== LF) i++;
    const name = this.o.tags[t.slice(at, i)];
    if (name === undefined) throw BAIL;
    let j = i;
    while (t.charCodeAt(j) === SP) j++;
    const c = t.charCodeAt(j);
    let inner: PNode;
    if (j >= this.n || c === LF || c === HASH) {
      if (c === HASH && j === i) throw BAIL;
      this.pos = this.afterLine(j);
      const next = this.nextContentLine();
      if (next <= parent) throw BAIL; // a tag on an empty value
      const ch = t.charCodeAt(this.pos);
      if (ch === DASH && this.blankOrEnd(this.pos + 1)) inner = this.blockSeq(next, depth);
      else if (this.keyAhead()) inner = this.blockMap(next, depth);
      else throw BAIL;
      // The collection stopped at a line start before the next content: go on from there.
    } else {
      if (c === 33 || c === TAB) throw BAIL;
      inner = asTagged(this.inlineValue(parent, depth, j), t);
    }
    return { kind: 'fn', name, arg: inner, start: inner.start, end: inner.end };
  }

  /** A plain scalar that ends its line (a comment may follow). */
  private plainInBlock(at: number): PNode {
    const t = this.t;
    const c = t.charCodeAt(at);
    if (NOT_PLAIN_START.has(c) && !((c === DASH || c === 63 || c === COLON) && !this.blankOrEnd(at + 1) && t.charCodeAt(at + 1) !== TAB)) throw BAIL;
    if (c === DASH && this.isMarker(at) && at === this.lineStartOf(at)) throw BAIL;
    let i = at;
    let end = at;
    for (; i < this.n; i++) {
      const d = t.charCodeAt(i);
      if (d === LF) break;
      if (d === HASH && (t.charCodeAt(i - 1) === SP || t.charCodeAt(i - 1) === TAB)) break;
      if (d === COLON && this.blankOrEnd(i + 1)) throw BAIL; // `a: b: c`
      if (d !== SP && d !== TAB) end = i + 1;
    }
    const raw = t.slice(at, end);
    this.pos = this.lastEnd = this.afterLine(i);
    // A more indented line after it would continue the scalar: the caller's line check bails then.
    return { kind: 'scalar', value: plainValue(raw), start: at, end };
  }

  // ---- block scalars -----------------------------------------------------------------------

  private blockScalar(parent: number, at: number): PNode {
    const t = this.t;
    const folded = t.charCodeAt(at) === 62;
    let i = at + 1;
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    const ch = t.charCodeAt(i);
    if (ch === DASH) {
      chomp = 'strip';
      i++;
    } else if (ch === 43 /* + */) {
      chomp = 'keep';
      i++;
    }
    const after = t.charCodeAt(i);
    if (!(Number.isNaN(after) || after === SP || after === LF)) throw BAIL; // an indentation indicator, or more
    this.pos = i;
    this.restOfLineEmpty();
    // Content lines: the first non-blank line sets the indentation, which must exceed the parent's.
    const bodyStart = this.pos;
    let indent = -1;
    let p = bodyStart;
    let maxBlankLead = 0;
    while (p < this.n) {
      let k = p;
      while (t.charCodeAt(k) === SP) k++;
      const d = t.charCodeAt(k);
      if (d === TAB && indent < 0) throw BAIL;
      if (k >= this.n) {
        p = this.n;
        break;
      }
      if (d === LF) {
        maxBlankLead = Math.max(maxBlankLead, k - p);
        p = k + 1;
        continue;
      }
      indent = k - p;
      break;
    }
    if (indent <= parent || indent < 0 || maxBlankLead > indent) throw BAIL;
    const lines: string[] = [];
    /** Lines read when the last line of only spaces (beyond the indentation) was (0: none). */
    let spacesOnly = 0;
    let lastContentEnd = bodyStart; // after the `\n` of the last non-blank line
    let trailingBlank = 0;
    let q = bodyStart;
    while (q < this.n) {
      const nl = t.indexOf('\n', q);
      if (nl < 0) throw BAIL; // the last line without its line break: left to `yaml`
      let k = q;
      while (k < nl && t.charCodeAt(k) === SP) k++;
      if (k === nl) {
        if (k - q > indent) {
          // White space beyond the indentation: text of a literal scalar (a blank line of code);
          // the rest (folding it, or at the end) is left to `yaml`.
          if (folded || trailingBlank > 0) throw BAIL;
          lines.push(t.slice(q + indent, nl));
          spacesOnly = lines.length;
          q = nl + 1;
          continue;
        }
        lines.push('');
        trailingBlank++;
        q = nl + 1;
        continue;
      }
      if (k - q < indent) break; // the scalar ended
      if (spacesOnly > 0 && trailingBlank > 0) throw BAIL; // blank lines around a line of spaces
      const line = t.slice(q + indent, nl);
      if (folded && (line.charCodeAt(0) === SP || line.charCodeAt(0) === TAB)) throw BAIL; // a more-indented line in a folded scalar
      lines.push(line);
      trailingBlank = 0;
      lastContentEnd = nl + 1;
      q = nl + 1;
    }
    if (spacesOnly > 0 && spacesOnly === lines.length - trailingBlank) throw BAIL; // a line of spaces last
    const content = lines.slice(0, lines.length - trailingBlank);
    let value: string;
    if (folded) {
      value = '';
      let blanks = 0;
      for (let k = 0; k < content.length; k++) {
        const line = content[k]!;
        if (line === '') {
          blanks++;
          continue;
        }
        if (k > 0 && value !== '') value += blanks > 0 ? '\n'.repeat(blanks) : ' ';
        else if (blanks > 0) value += '\n'.repeat(blanks);
        value += line;
        blanks = 0;
      }
    } else value = content.join('\n');
    if (content.length === 0) throw BAIL; // an empty block scalar: left to `yaml`
    if (chomp === 'clip') value += '\n';
    else if (chomp === 'keep') value += '\n' + '\n'.repeat(trailingBlank);
    // The span runs to the end of the last content line (keep: of the last blank line it kept).
    const end = chomp === 'keep' ? this.afterBlankLines(lastContentEnd, trailingBlank) : lastContentEnd;
    this.pos = this.lastEnd = end;
    return { kind: 'scalar', value, start: at, end };
  }

  private afterBlankLines(from: number, count: number): number {
    let p = from;
    for (let k = 0; k < count; k++) p = this.afterLine(p);
    return p;
  }

  // ---- scalars -----------------------------------------------------------------------------

  /** Index after the closing quote of the quoted scalar at `at` on its line, or -1. */
  private quotedEnd(at: number): number {
    const t = this.t;
    const q = t.charCodeAt(at);
    for (let i = at + 1; i < this.n; i++) {
      const c = t.charCodeAt(i);
      if (c === LF) return -1;
      if (q === SQUOTE && c === SQUOTE) {
        if (t.charCodeAt(i + 1) === SQUOTE) {
          i++;
          continue;
        }
        return i + 1;
      }
      if (q === DQUOTE) {
        if (c === 92 /* \ */) {
          i++;
          continue;
        }
        if (c === DQUOTE) return i + 1;
      }
    }
    return -1;
  }

  /** A single-line quoted scalar at `at`: its value and the index after its closing quote. */
  private quoted(at: number): { value: string; end: number } {
    const end = this.quotedEnd(at);
    if (end < 0) throw BAIL; // unterminated, or on more than one line
    const raw = this.t.slice(at + 1, end - 1);
    if (this.t.charCodeAt(at) === SQUOTE) return { value: raw.replaceAll("''", "'"), end };
    return { value: raw.includes('\\') ? unescapeDouble(raw) : raw, end };
  }

  // ---- flow collections --------------------------------------------------------------------

  private skipFlowSpace(): void {
    const t = this.t;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === SP) this.pos++;
      else if (c === LF) {
        this.pos++;
        let k = this.pos;
        while (t.charCodeAt(k) === SP) k++;
        const d = t.charCodeAt(k);
        if (k < this.n && d !== LF && k - this.pos < this.flowMin) throw BAIL; // a continuation line not indented enough
      } else if (c === TAB) throw BAIL;
      else if (c === HASH) {
        const prev = t.charCodeAt(this.pos - 1);
        if (!(prev === SP || prev === LF)) throw BAIL;
        const nl = t.indexOf('\n', this.pos);
        this.pos = nl < 0 ? this.n : nl; // the line break is read next, with its indentation check
      } else return;
    }
  }

  /** `key: value` in a flow map. */
  private flowEntry(depth: number): PEntry {
    const t = this.t;
    const keyStart = this.pos;
    const k = t.charCodeAt(keyStart);
    let key: string;
    let keyEnd: number;
    if (k === DQUOTE || k === SQUOTE) {
      const q = this.quoted(keyStart);
      key = q.value;
      keyEnd = q.end;
      this.pos = keyEnd;
      this.skipFlowSpace();
      if (t.charCodeAt(this.pos) !== COLON) throw BAIL;
    } else {
      if (NOT_PLAIN_START.has(k)) throw BAIL;
      let i = keyStart;
      while (i < this.n) {
        const d = t.charCodeAt(i);
        if (d === LF || d === COMMA || d === LBRACK || d === RBRACK || d === LBRACE || d === RBRACE || d === HASH) throw BAIL;
        if (d === COLON && this.endsFlowPlain(i + 1)) break;
        i++;
      }
      keyEnd = i;
      while (t.charCodeAt(keyEnd - 1) === SP) keyEnd--;
      key = String(plainValue(t.slice(keyStart, keyEnd)));
      this.pos = i;
    }
    this.count(depth + 1);
    this.pos++; // the `:`
    this.skipFlowSpace();
    const d = t.charCodeAt(this.pos);
    if (d === COMMA || d === RBRACE) throw BAIL; // a key without a value
    const value = this.flowNode(depth + 1);
    return { key, keySpan: { start: keyStart, end: keyEnd }, value };
  }

  /** Items up to the closing bracket `close`, separated by commas (a trailing one allowed); `pos` at the opening one. */
  private flowList(close: number, item: () => void): void {
    const t = this.t;
    this.pos++;
    for (;;) {
      this.skipFlowSpace();
      if (t.charCodeAt(this.pos) === close) break;
      item();
      this.skipFlowSpace();
      const d = t.charCodeAt(this.pos);
      if (d === COMMA) {
        this.pos++;
        continue;
      }
      if (d === close) break;
      throw BAIL;
    }
    this.pos++;
  }

  /** `{ "Ref": "X" }` / `Fn::Sub: ...` alone in a map is the long form of an intrinsic. */
  private mapOrLongForm(entries: PEntry[], start: number, end: number): PNode {
    const only = entries.length === 1 ? entries[0] : undefined;
    return only && this.o.longForms.has(only.key) ? { kind: 'fn', name: only.key, arg: only.value, start, end } : { kind: 'map', entries, start, end };
  }

  /** A flow node at `pos`: `[...]`, `{...}`, a quoted or plain scalar, or a tagged one. */
  private flowNode(depth: number): PNode {
    const t = this.t;
    const at = this.pos;
    const c = t.charCodeAt(at);
    if (c === 33) {
      let i = at;
      while (i < this.n && ![SP, LF, COMMA, RBRACK, RBRACE].includes(t.charCodeAt(i))) i++;
      const name = this.o.tags[t.slice(at, i)];
      if (name === undefined || t.charCodeAt(i) !== SP) throw BAIL;
      this.pos = i;
      while (t.charCodeAt(this.pos) === SP) this.pos++;
      // The tagged node on the tag's line, and one tag only.
      if (t.charCodeAt(this.pos) === LF || t.charCodeAt(this.pos) === 33 || t.charCodeAt(this.pos) === HASH) throw BAIL;
      const inner = asTagged(this.flowNode(depth), t);
      return { kind: 'fn', name, arg: inner, start: inner.start, end: inner.end };
    }
    this.count(depth);
    if (c === LBRACK) {
      const items: PNode[] = [];
      this.flowList(RBRACK, () => items.push(this.flowNode(depth + 1)));
      return { kind: 'seq', items, start: at, end: this.pos };
    }
    if (c === LBRACE) {
      const entries: PEntry[] = [];
      this.flowList(RBRACE, () => entries.push(this.flowEntry(depth)));
      return this.mapOrLongForm(entries, at, this.pos);
    }
    if (c === DQUOTE || c === SQUOTE) {
      const q = this.quoted(at);
      this.pos = q.end;
      return { kind: 'scalar', value: q.value, start: at, end: q.end };
    }
    // A plain scalar in flow: up to `,`, a bracket, `: ` or the end of the line.
    if (NOT_PLAIN_START.has(c) && !(c === DASH && !this.blankOrEnd(at + 1) && t.charCodeAt(at + 1) !== COMMA)) throw BAIL;
    let i = at;
    let end = at;
    for (; i < this.n; i++) {
      const d = t.charCodeAt(i);
      if (d === LF || d === COMMA || d === RBRACK || d === RBRACE) break;
      if (d === LBRACK || d === LBRACE) throw BAIL;
      if (d === COLON && this.endsFlowPlain(i + 1)) throw BAIL; // a pair in a sequence
      if (d === HASH && t.charCodeAt(i - 1) === SP) break;
      if (d === TAB) throw BAIL;
      if (d !== SP) end = i + 1;
    }
    this.pos = end;
    // Continued on the next line: a multi-line plain scalar, left to `yaml`.
    if (t.charCodeAt(i) === LF) {
      let j = i;
      while (t.charCodeAt(j) === SP || t.charCodeAt(j) === LF) j++;
      const d = t.charCodeAt(j);
      if (!(d === COMMA || d === RBRACK || d === RBRACE)) throw BAIL;
    }
    return { kind: 'scalar', value: plainValue(t.slice(at, end)), start: at, end };
  }
}

/** A tagged plain scalar is not resolved by the core schema: the tag takes its text (`!Ref 1` is "1"). */
function asTagged(node: PNode, text: string): PNode {
  if (node.kind !== 'scalar' || typeof node.value === 'string') return node;
  const c = text.charCodeAt(node.start);
  if (c === DQUOTE || c === SQUOTE) return node;
  return { ...node, value: text.slice(node.start, node.end) };
}

const INT = /^[-+]?[0-9]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const OCT = /^0o[0-7]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** A plain scalar's value by the YAML 1.2 core schema (what `yaml` resolves it to). */
export function plainValue(raw: string): string | number | boolean | null {
  if (raw.length === 0) return null;
  const c = raw.charCodeAt(0);
  // Only these first characters can start a null, a boolean or a number.
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70)) return raw;
  switch (raw) {
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
    case '.inf':
    case '.Inf':
    case '.INF':
    case '+.inf':
    case '+.Inf':
    case '+.INF':
      return Infinity;
    case '-.inf':
    case '-.Inf':
    case '-.INF':
      return -Infinity;
    case '.nan':
    case '.NaN':
    case '.NAN':
      return NaN;
  }
  if (INT.test(raw)) return parseInt(raw, 10);
  if (HEX.test(raw)) return parseInt(raw.slice(2), 16);
  if (OCT.test(raw)) return parseInt(raw.slice(2), 8);
  if (FLOAT.test(raw)) return parseFloat(raw);
  return raw;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};

/** A double-quoted scalar's escapes; an unknown or broken escape is left to `yaml`. */
function unescapeDouble(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = raw[++i];
    if (e === undefined) throw BAIL;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (len === 0) throw BAIL;
    const hex = raw.slice(i + 1, i + 1 + len);
    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw BAIL;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) throw BAIL;
    out += String.fromCodePoint(code);
    i += len;
  }
  return out;
}
