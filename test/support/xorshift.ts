/** xorshift32: the seeded generator the tests build their inputs with, so a run is the same every time. */

/** The next 32-bit state (as an unsigned integer) on each call; `state` must not be 0. */
export function xorshift32(state: number): () => number {
  let x = state >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
}

/** The same generator as floats in [0, 1). */
export function xorshiftUnit(state: number): () => number {
  const next = xorshift32(state);
  return () => next() / 4294967296;
}
