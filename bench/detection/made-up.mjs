// Reference positives whose secret is made up by construction: `sk_live_AAAAAAAA...`,
// `abcdef1234567890abcdef...`, `dapi1234567890ABCDEF...`. Real credentials are random; these
// values are what leakguard deliberately does not report (a run of one character, an alphabet or
// digit sequence, a repeated unit), so the bench sets them apart as disputed and prints how many.
// The test is this bench's own, on each token of the example text: the pattern must cover a quarter
// of the token or more (real Twitter bearer tokens open with 21 "A"s in 110 characters).

function patternedShare(token) {
  let best = 0;
  let same = 1, up = 1, down = 1;
  const alnum = (c) => /[A-Za-z0-9]/.test(c);
  for (let i = 1; i < token.length; i++) {
    const a = token.charCodeAt(i - 1), b = token.charCodeAt(i);
    const both = alnum(token[i]) && alnum(token[i - 1]);
    same = a === b ? same + 1 : 1;
    up = both && (b === a + 1 || (a === 57 && b === 48)) ? up + 1 : 1;
    down = both && b === a - 1 ? down + 1 : 1;
    best = Math.max(best, same, up, down);
  }
  for (const m of token.matchAll(/(.{2,8}?)\1+/g)) if (m[0].length >= 12) best = Math.max(best, m[0].length);
  return best >= 8 ? best / token.length : 0;
}

/** True when some token of `text` (12 characters or more) is a made-up value. */
export function isMadeUp(text) {
  return String(text)
    .split(/[\s'"`=:,;()<>[\]{}]+/)
    .filter((t) => t.length >= 12)
    .some((t) => patternedShare(t) >= 0.25);
}
