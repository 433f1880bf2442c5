/**
 * Seeded mutations of text for the parsers' agreement tests (a direct reader against the reference
 * parser): each input is a base with one to three random cuts or insertions of syntax pieces.
 */
import { xorshiftUnit } from './xorshift.js';

export function* mutations(bases: string[], pieces: string[], count: number, seed: number): Generator<string> {
  const rnd = xorshiftUnit(seed);
  for (let i = 0; i < count; i++) {
    let t = bases[Math.floor(rnd() * bases.length)]!;
    for (let j = 1 + Math.floor(rnd() * 3); j > 0; j--) {
      const at = Math.floor(rnd() * (t.length + 1));
      t = rnd() < 0.3 ? t.slice(0, at) + t.slice(at + 1 + Math.floor(rnd() * 3)) : t.slice(0, at) + pieces[Math.floor(rnd() * pieces.length)]! + t.slice(at);
    }
    yield t;
  }
}
