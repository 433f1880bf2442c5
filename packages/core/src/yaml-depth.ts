/**
 * A cheap upper bound on how deep a YAML (or JSON) text nests, read before `yaml` parses it. The
 * parser recurses once per level: near the end of the thread's stack it stops with an error whose
 * place depends on the stack (so on the thread), and a regular expression V8 compiles there can
 * kill the process outright. A text that may nest deeper than the bound is refused unread.
 *
 * Each block level takes at least one column of indentation or a `- `/`? `/`: ` indicator, and
 * each flow level a `[` or `{`: a line's indicator columns plus the open brackets bound its depth.
 * Brackets count in flow context, and in block context only after white space (`a[1]` is plain
 * text); quoted scalars and comments are skipped. It may overestimate (a line indented 300
 * columns), never underestimate what yaml builds.
 */

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

function startsToken(prev: number): boolean {
  return Number.isNaN(prev) || prev === SPACE || prev === TAB || prev === LF || prev === CR || prev === 0x5b || prev === 0x7b || prev === 0x2c || prev === 0x3a;
}

/** True when `text` may nest deeper than `limit` levels. */
export function mayNestDeeperThan(text: string, limit: number): boolean {
  let flow = 0;
  let block = 0;
  let lineStart = true;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      lineStart = true;
      continue;
    }
    if (lineStart) {
      lineStart = false;
      if (flow === 0) {
        // Indentation and block indicators: one level per column at most.
        let j = i;
        while (j < n) {
          const d = text.charCodeAt(j);
          const next = text.charCodeAt(j + 1);
          if (d === SPACE || d === TAB) j++;
          else if ((d === 0x2d || d === 0x3f || d === 0x3a) && (next === SPACE || next === TAB || next === LF || next === CR || Number.isNaN(next))) j++;
          else break;
        }
        block = j - i;
        if (block + 1 > limit) return true;
        i = j - 1;
        continue;
      }
    }
    const prev = i > 0 ? text.charCodeAt(i - 1) : NaN;
    if (c === 0x23 && (startsToken(prev) || prev === 0x23)) {
      // A comment: to the end of the line.
      while (i + 1 < n && text.charCodeAt(i + 1) !== LF && text.charCodeAt(i + 1) !== CR) i++;
    } else if (c === 0x22 && startsToken(prev)) {
      for (i++; i < n && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x27 && startsToken(prev)) {
      for (i++; i < n; i++) {
        if (text.charCodeAt(i) !== 0x27) continue;
        if (text.charCodeAt(i + 1) === 0x27) i++; // '' is a quote inside
        else break;
      }
    } else if ((c === 0x5b || c === 0x7b) && (flow > 0 || Number.isNaN(prev) || prev === SPACE || prev === TAB || prev === LF || prev === CR)) {
      if (++flow + block + 1 > limit) return true;
    } else if ((c === 0x5d || c === 0x7d) && flow > 0) flow--;
  }
  return false;
}

/** Past this, a YAML text is not given to the parser (yaml's recursion runs out near 800 levels on a main thread). */
export const MAX_YAML_NESTING_ESTIMATE = 256;
