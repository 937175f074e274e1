// A small seeded generator (mulberry32) and a shuffle: the only randomness of a tournament, so the
// same seed gives the same draw on every machine. Its own dozen lines rather than a library: the
// domain imports nothing, and the draw it makes is written into the log, so a replay never runs it.

export type Random = () => number;

/** A generator of uint32 values from a uint32 seed (mulberry32: 2^32 period, passes BigCrush). */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** An integer in [0, n), n ≤ 2^21 so the product stays exact in a double. */
export function below(next: () => number, n: number): number {
  return Math.floor((next() * n) / 0x1_0000_0000);
}

/** A Fisher–Yates shuffle of a copy. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  return shuffleWith(items, generator(seed));
}

/** The same drawing from a generator already under way (several shuffles of one draw). */
export function shuffleWith<T>(items: readonly T[], next: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = below(next, i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The seed of one stream of draws (the blind draw, a round of switch partners) from the tournament's
 * seed, so no two draws reuse the same numbers (murmur3's finaliser over the seed and the stream).
 */
export function streamSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
