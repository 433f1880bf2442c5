/** Counts of each ASCII character, reused between calls (secrets are short; most are ASCII). */
const asciiCounts = new Int32Array(128);

/** Shannon entropy in bits per character (code point). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  let ascii = true;
  for (let i = 0; i < value.length && ascii; i++) ascii = value.charCodeAt(i) < 128;
  if (!ascii) return entropyOf([...value]);
  // The common case without a Map or a string per character: it runs once per candidate secret.
  const n = value.length;
  for (let i = 0; i < n; i++) asciiCounts[value.charCodeAt(i)]!++;
  let bits = 0;
  for (let i = 0; i < n; i++) {
    const code = value.charCodeAt(i);
    const c = asciiCounts[code]!;
    if (c === 0) continue; // this character's share is already counted
    const p = c / n;
    bits -= p * Math.log2(p);
    asciiCounts[code] = 0;
  }
  return bits;
}

function entropyOf(chars: string[]): number {
  const counts = new Map<string, number>();
  for (const ch of chars) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const c of counts.values()) {
    const p = c / chars.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
