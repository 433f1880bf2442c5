/**
 * One pass over the bytes finds every keyword of every rule: an Aho-Corasick automaton over the
 * ASCII-lowercased bytes, with a dense transition table over the few byte classes the keywords
 * use. Per byte the scan does one table look-up, so its cost does not grow with the number of
 * rules or keywords. It reads UTF-8 bytes, not a string: a file is never decoded unless something
 * is found in it (decoding a large file costs more than this whole pass).
 */

/**
 * The hits of one scan, in increasing order: entries [0, count) of each array. The arrays belong
 * to the automaton and are overwritten by its next scan (no garbage per file).
 */
export interface KeywordHits {
  count: number;
  /** Offset just past the keyword's last byte. */
  ends: Int32Array;
  /** Automaton state at that offset (index into `outputs`). */
  states: Int32Array;
  /** Offset of the last `\n` before the hit (-1 when none): the hit's line starts after it. */
  lineBreaks: Int32Array;
}

/** Room for hits below which `scan` grows its arrays before the next chunk. */
const MIN_ROOM = 256;
/** `follow`'s state and hit count when it returns. */
const cursor = new Int32Array(2);

/**
 * The hot loop: bytes [i, stop) through the packed transitions (see the constructor), from state
 * `row`; a keyword's end is recorded as its offset and state (times the class count). Returns
 * `stop`, with the state and hit count in `cursor`. One table look-up per byte and nothing else:
 * tracking line breaks here too cost a third of the pass; they are found afterwards, for the hits only.
 */
function follow(bytes: Uint8Array, i: number, stop: number, row: number, count: number, classOf: Uint8Array, delta: Int32Array, ends: Int32Array, states: Int32Array): number {
  for (; i < stop; i++) {
    const next = delta[row + classOf[bytes[i]!]!]!;
    if (next >= 0) row = next;
    else {
      row = -next - 1;
      ends[count] = i + 1;
      states[count] = row;
      count++;
    }
  }
  cursor[0] = row;
  cursor[1] = count;
  return stop;
}

export class KeywordAutomaton {
  /** Byte -> class; 0 is "a byte no keyword uses" (every byte of a multi-byte UTF-8 character is). */
  private readonly classOf = new Uint8Array(256);
  private readonly classes: number;
  /** Dense transitions, see the constructor's end for the packed form. */
  private readonly delta: Int32Array;
  /** Per state: the payloads (for example rule indexes) of every keyword ending there; empty when none. */
  readonly outputs: number[][];
  private readonly hasOutput: Uint8Array;

  /**
   * @param keywords lower-case ASCII literals
   * @param payloads for each keyword, the values reported when it is found
   */
  constructor(keywords: string[], payloads: number[][]) {
    const chars = new Set<number>();
    for (const k of keywords) {
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i);
        if (c >= 128) throw new Error(`keyword ${JSON.stringify(k)} must be ASCII`);
        chars.add(c);
      }
    }
    let next = 1;
    for (const c of [...chars].sort((a, b) => a - b)) {
      const cls = next++;
      this.classOf[c] = cls;
      // Keywords are lower case; the text's upper-case letters map to the same class.
      if (c >= 97 && c <= 122) this.classOf[c - 32] = cls;
    }
    this.classes = next;
    // Trie.
    const goto: Map<number, number>[] = [new Map()];
    const out: Set<number>[] = [new Set()];
    keywords.forEach((k, ki) => {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const cls = this.classOf[k.charCodeAt(i)]!;
        let t = goto[s]!.get(cls);
        if (t === undefined) {
          t = goto.length;
          goto.push(new Map());
          out.push(new Set());
          goto[s]!.set(cls, t);
        }
        s = t;
      }
      for (const p of payloads[ki] ?? []) out[s]!.add(p);
    });
    // Failure links, breadth first, folded into a dense table.
    const n = goto.length;
    const delta = new Int32Array(n * this.classes);
    const fail = new Int32Array(n);
    const queue: number[] = [];
    for (let cls = 0; cls < this.classes; cls++) {
      const t = goto[0]!.get(cls);
      delta[cls] = t ?? 0;
      if (t !== undefined) queue.push(t);
    }
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head]!;
      for (const p of out[fail[s]!]!) out[s]!.add(p);
      for (let cls = 0; cls < this.classes; cls++) {
        const t = goto[s]!.get(cls);
        if (t !== undefined) {
          fail[t] = delta[fail[s]! * this.classes + cls]!;
          delta[s * this.classes + cls] = t;
          queue.push(t);
        } else {
          delta[s * this.classes + cls] = delta[fail[s]! * this.classes + cls]!;
        }
      }
    }
    // Hot-loop form: entries hold the target state already multiplied by the class count, and
    // states where a keyword ends are stored negated (-(state * classes) - 1).
    const out2 = out.map((o) => [...o].sort((a, b) => a - b));
    const packed = new Int32Array(n * this.classes);
    for (let i = 0; i < packed.length; i++) {
      const t = delta[i]!;
      packed[i] = out2[t]!.length > 0 ? -(t * this.classes) - 1 : t * this.classes;
    }
    this.delta = packed;
    this.outputs = out2;
    this.hasOutput = new Uint8Array(n);
    this.outputs.forEach((o, s) => (this.hasOutput[s] = o.length > 0 ? 1 : 0));
  }

  private hits: KeywordHits = { count: 0, ends: new Int32Array(1024), states: new Int32Array(1024), lineBreaks: new Int32Array(1024) };

  /**
   * Every keyword occurrence in UTF-8 `bytes`, case-insensitively (ASCII), in one pass. Offsets
   * are byte offsets. The result is valid until the next call.
   */
  scan(bytes: Uint8Array): KeywordHits {
    let count = 0;
    let row = 0; // current state * classes
    const n = bytes.length;
    // In chunks no longer than the room left for hits (a chunk of k bytes has at most k hits), so
    // the loop never checks for room; a function of its own with every table a parameter, so V8
    // keeps them in registers (as a method reading fields it ran at about half the speed).
    for (let i = 0; i < n; ) {
      if (this.hits.ends.length - count < MIN_ROOM) this.grow();
      const { ends, states } = this.hits;
      i = follow(bytes, i, Math.min(n, i + ends.length - count), row, count, this.classOf, this.delta, ends, states);
      row = cursor[0]!;
      count = cursor[1]!;
    }
    const classes = this.classes;
    const { ends, states, lineBreaks } = this.hits;
    // Each hit's line start, looked up for the lines that have hits only: searched back from the
    // first hit of a line and forward to its end, so many hits on one long (minified) line cost
    // one search of it, and lines without hits cost nothing.
    let lastBreak = -1;
    let nextBreak = -1; // the first '\n' at or after the previous hit's end (-1: none, or not searched yet)
    for (let h = 0; h < count; h++) {
      const end = ends[h]!;
      if (h === 0 || (nextBreak >= 0 && nextBreak < end)) {
        // A break at the hit's last byte counts too, as the single pass counted it.
        lastBreak = bytes.lastIndexOf(10, end - 1);
        nextBreak = bytes.indexOf(10, end);
      }
      lineBreaks[h] = lastBreak;
      states[h] = states[h]! / classes;
    }
    this.hits.count = count;
    return this.hits;
  }

  private grow(): KeywordHits {
    const h = this.hits;
    const bigger = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.hits = { count: h.count, ends: bigger(h.ends), states: bigger(h.states), lineBreaks: bigger(h.lineBreaks) };
    return this.hits;
  }
}
