// Reference positives whose secret is made up by construction: `sk_live_AAAAAAAA...`,
// `abcdef1234567890abcdef...`, `dapi1234567890ABCDEF...`, `glpat-aBcDeFgHiJkLmNoPqRsT`, `xyz@123`,
// `mysql://devuser:mySecret2024@localhost`. Real credentials are random; these values are what
// leakguard deliberately does not report (a run of one character, an alphabet or digit sequence in
// either case, a repeated unit, short sequences making up most of a short value, a value that names
// itself), so the bench sets them apart as disputed and prints how many. The test is this bench's
// own, on each token of the example text: a pattern must cover a quarter of the token or more (real
// Twitter bearer tokens open with 21 "A"s in 110 characters); runs of three must cover half of a
// token of 6 to 24 characters (six characters or more in runs); a self-naming value has words only
// (one naming a secret), a lower-case letter, and one to four digits that close it. Also: eight keys
// or more typed along the keyboard's rows (a quarter of the token), tokens of 16 to 64 characters
// three quarters in sequences of four (`abcd1234efgh5678...`), two sequences woven one character each
// (`a1b2c3d4e5f6`), and documentation's example UUID (123e4567-e89b-12d3-a456-426614174000).

// Letters compared without case: aBcDeF is the alphabet.
const lower = (code) => (code >= 65 && code <= 90 ? code + 32 : code);

function patternedShare(token) {
  let best = 0;
  let same = 1, up = 1, down = 1;
  const alnum = (c) => /[A-Za-z0-9]/.test(c);
  for (let i = 1; i < token.length; i++) {
    const a = lower(token.charCodeAt(i - 1)), b = lower(token.charCodeAt(i));
    const both = alnum(token[i]) && alnum(token[i - 1]);
    same = a === b ? same + 1 : 1;
    up = both && (b === a + 1 || (a === 57 && b === 48)) ? up + 1 : 1;
    down = both && b === a - 1 ? down + 1 : 1;
    best = Math.max(best, same, up, down);
  }
  for (const m of token.matchAll(/(.{2,8}?)\1+/g)) if (m[0].length >= 12) best = Math.max(best, m[0].length);
  return best >= 8 ? best / token.length : 0;
}

/** The share of a short token in runs of three or more (same character, or up/down a sequence). */
function shortRunShare(token) {
  const marked = new Array(token.length).fill(false);
  const mark = (end, n) => { if (n >= 3) for (let k = end - n; k < end; k++) marked[k] = true; };
  let same = 1, up = 1, down = 1;
  for (let i = 1; i <= token.length; i++) {
    const a = lower(token.charCodeAt(i - 1)), b = i < token.length ? lower(token.charCodeAt(i)) : -1;
    const both = b >= 0 && /[A-Za-z0-9]/.test(token[i]) && /[A-Za-z0-9]/.test(token[i - 1]);
    const s2 = b === a ? same + 1 : 1, u2 = both && (b === a + 1 || (a === 57 && b === 48)) ? up + 1 : 1, d2 = both && b === a - 1 ? down + 1 : 1;
    if (s2 === 1) mark(i, same);
    if (u2 === 1) mark(i, up);
    if (d2 === 1) mark(i, down);
    same = s2, up = u2, down = d2;
  }
  const covered = marked.filter(Boolean).length;
  return covered >= 6 ? covered / token.length : 0;
}

/** Words (each with a vowel, or a short acronym), one naming a secret, one to four digits, three symbols at most. */
function namesItself(token) {
  if (!/[a-z]/.test(token)) return false; // DB_PASSWORD2: a constant's name, not a value
  if (!/[A-Za-z]\d+[^A-Za-z\d]*$/.test(token)) return false; // the digits close it: auth0_client_secret is a name
  const parts = token.match(/[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|\d+|[^A-Za-z\d]+/g) ?? [];
  let kind = false, digits = 0, symbols = 0;
  for (const p of parts) {
    if (/^\d/.test(p)) digits += p.length;
    else if (!/[A-Za-z]/.test(p)) symbols += p.length;
    else if (/^(?:password|passwd|pass|pwd|secret|token)$/i.test(p)) kind = true;
    else if (!(/^[A-Z]{2,4}$/.test(p) || (p.length >= 2 && /[aeiouy]/i.test(p)))) return false;
  }
  return kind && digits >= 1 && digits <= 4 && symbols <= 3;
}

/** The longest stretch typed along one keyboard row after the next (qwertyuiop, asdfghjkl, zxcvbnm), case aside. */
function keyboardRun(token) {
  const rows = 'qwertyuiopasdfghjklzxcvbnm';
  let best = 0, run = 0, prev = -2;
  for (const ch of token.toLowerCase()) {
    const at = rows.indexOf(ch);
    run = at >= 0 && at === prev + 1 ? run + 1 : at >= 0 ? 1 : 0;
    prev = at;
    best = Math.max(best, run);
  }
  return best;
}

/** The share of a token in up or down sequences of four or more (`abcd1234efgh5678...`: blocks of sequences). */
function blockRunShare(token) {
  let covered = 0, up = 1, down = 1;
  const close = (n) => { if (n >= 4) covered += n; };
  for (let i = 1; i <= token.length; i++) {
    const a = lower(token.charCodeAt(i - 1)), b = i < token.length ? lower(token.charCodeAt(i)) : -1;
    const u = b === a + 1 ? up + 1 : 1, d = b === a - 1 ? down + 1 : 1;
    if (u === 1) close(up);
    if (d === 1) close(down);
    up = u, down = d;
  }
  return covered / token.length;
}

/** One character of each of two sequences in turn (`a1b2c3d4e5f6`, `1A2B3C4D`): both halves sequences over most of their length. */
function woven(token) {
  const half = (from) => [...token].filter((_c, i) => i % 2 === from).join('');
  return [half(0), half(1)].every((h) => h.length >= 6 && blockRunShare(h) >= 0.75);
}

/** True when some token of `text` is a made-up value. */
export function isMadeUp(text) {
  const tokens = String(text).split(/[\s'"`=:,;()<>[\]{}]+/);
  if (tokens.some((t) => t.length >= 12 && patternedShare(t) >= 0.25)) return true;
  // Typed along the keyboard, blocks of sequences, two sequences woven, documentation's example UUID.
  if (tokens.some((t) => t.length >= 12 && keyboardRun(t) >= 8 && keyboardRun(t) * 4 >= t.length)) return true;
  if (tokens.some((t) => t.length >= 16 && t.length <= 64 && /^[A-Za-z0-9_-]+$/.test(t) && blockRunShare(t) >= 0.75)) return true;
  if (tokens.flatMap((t) => [t, ...t.split(/[_.-]+/)]).some((t) => t.length >= 12 && woven(t))) return true;
  if (/123e4567-e89b-12d3-a456-4266141740/i.test(String(text))) return true;
  // Short runs only in what could be a typed password: letters and digits both, a few symbols.
  if (tokens.some((t) => t.length >= 6 && t.length <= 24 && /^[\w@#!$%^&*+.-]+$/.test(t) && /[A-Za-z]/.test(t) && /\d/.test(t) && shortRunShare(t) >= 0.5)) return true;
  // A URL's password sits between ':' and '@': split those too.
  return tokens.flatMap((t) => t.split(/[@/]+/)).some((t) => t.length >= 6 && t.length <= 64 && namesItself(t));
}
