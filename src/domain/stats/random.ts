// A seeded pseudo-random generator for resampling: the same seed gives the same bootstrap
// intervals on every machine and run, so a skill-impact report is reproducible byte for byte.
// mulberry32: 32-bit state, good enough for resampling indices (not for anything secret).

export type Random = () => number;

/** Uniform floats in [0, 1) from a 32-bit seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
