/**
 * Made-up values: what a person types when a format needs "some key" (`AKIA` + sixteen `A`s,
 * `AIza` + `aaaa...`, `...ABCDEFGHIJKL...`, `1234567890`, `DEADBEEFDEADBEEF`, `xyz@123`). A random
 * token of a few dozen characters shows none of these shapes, so the engine applies this check to
 * every rule's secret; a rule whose real format has long runs (`longRuns` in the catalog) opts out.
 */

/** 1234567890123456, 0123456789: a run of consecutive digits. */
export function isDigitRun(value: string): boolean {
  if (!/^\d{6,}$/.test(value)) return false;
  for (let i = 1; i < value.length; i++) {
    if (value.charCodeAt(i) - 48 !== (value.charCodeAt(i - 1) - 48 + 1) % 10) return false;
  }
  return true;
}

const isAlnum = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
/** Letters compared without case: `aBcD` counts as a sequence. */
const fold = (code: number): number => (code >= 65 && code <= 90 ? code + 32 : code);

/**
 * The runs of `value`: stretches of one character, or of consecutive letters or digits going up
 * (9 -> 0 continues `1234567890`) or down. Calls `visit` with each maximal run's length and
 * the index just past its end.
 */
function eachRun(value: string, visit: (length: number, end: number) => void): void {
  let same = 1;
  let up = 1;
  let down = 1;
  for (let i = 1; i <= value.length; i++) {
    const a = fold(value.charCodeAt(i - 1));
    const b = i < value.length ? fold(value.charCodeAt(i)) : -1;
    const alnum = b >= 0 && isAlnum(a) && isAlnum(b);
    const nextSame = b === a ? same + 1 : 1;
    const nextUp = alnum && (b === a + 1 || (a === 57 && b === 48)) ? up + 1 : 1;
    const nextDown = alnum && b === a - 1 ? down + 1 : 1;
    // A run ends where it stops growing: report it once, at its longest.
    if (nextSame === 1 && same > 1) visit(same, i);
    if (nextUp === 1 && up > 1) visit(up, i);
    if (nextDown === 1 && down > 1) visit(down, i);
    same = nextSame;
    up = nextUp;
    down = nextDown;
  }
}

/** The letter keys row after row: `qwertyuiop` then `asdfghjkl` then `zxcvbnm`. */
const KEY_ROWS = 'qwertyuiopasdfghjklzxcvbnm';

/** The longest stretch of letters typed along the keyboard's rows (`QwErTyUiOpAsDf`: 14). */
function longestKeyboardRun(value: string): number {
  let best = 0;
  let run = 0;
  let previous = -2;
  for (let i = 0; i < value.length; i++) {
    const key = KEY_ROWS.indexOf(String.fromCharCode(fold(value.charCodeAt(i))));
    run = key >= 0 && key === previous + 1 ? run + 1 : key >= 0 ? 1 : 0;
    previous = key;
    best = Math.max(best, run);
  }
  return best;
}

/**
 * Two sequences woven together, one character of each in turn: `1A2B3C4D5E6F...`, `a1b2c3d4e5f6`.
 * Each half (the characters at even places, those at odd places) holds a run of 6 or more, and the
 * two runs cover half the value; in a random token a run of 6 is about one in 10^9 per place.
 */
function isInterleaved(value: string): boolean {
  const longest = (half: string): number => {
    let best = 0;
    eachRun(half, (n) => {
      best = Math.max(best, n);
    });
    return best;
  };
  let even = '';
  let odd = '';
  for (let i = 0; i < value.length; i++) {
    if (i % 2 === 0) even += value[i];
    else odd += value[i];
  }
  const a = longest(even);
  const b = longest(odd);
  return a >= 6 && b >= 6 && (a + b) * 2 >= value.length;
}

/**
 * One pattern over a large part of the value: a run of 8 or more (counting up or down, or along
 * the keyboard's rows), or a short unit repeated over 12 characters or more, covering a quarter of
 * it (real Twitter bearer tokens open with 21 "A"s in about 110 characters, which stays under).
 */
function isPatterned(value: string): boolean {
  const big = (n: number): boolean => n >= 8 && n * 4 >= value.length;
  let found = big(longestKeyboardRun(value));
  eachRun(value, (n) => {
    found ||= big(n);
  });
  if (found) return true;
  return [...value.matchAll(/(.{2,8}?)\1+/g)].some((m) => m[0].length >= 12 && big(m[0].length));
}

/**
 * A short value made mostly of short sequences, as people type them: `xyz@123`, `abc123!`,
 * `abcdefg12346+FJQCK`. Runs of three or more cover half the characters or more; in a random token
 * a run of three is already rare (about one position in 1,900 for base62). Longer values are left
 * to `isPatterned`: a test fixture's UUID counts in runs too (`01234567-89ab-...`) and is reported
 * under its own rule.
 */
function isSequences(value: string): boolean {
  if (value.length > 24) return false;
  const inRun = new Uint8Array(value.length);
  eachRun(value, (n, end) => {
    if (n >= 3) inRun.fill(1, end - n, end);
  });
  const covered = inRun.reduce((sum, x) => sum + x, 0);
  return covered * 2 >= value.length && covered >= 6;
}

/**
 * True for a made-up value. ASCII tokens only (not key blocks, not prose); a plain number is judged
 * only as a run of counting digits.
 */
export function isMadeUp(value: string): boolean {
  if (isDigitRun(value)) return true;
  if (value.length > 256 || !/^[\x21-\x7e]+$/.test(value) || /^\d+$/.test(value)) return false;
  return isPatterned(value) || isSequences(value) || isInterleaved(value);
}
