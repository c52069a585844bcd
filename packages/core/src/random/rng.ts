/**
 * A seeded random source: the same seed replays the same sequence, so simulated traffic, planted
 * test data and benchmark orders are the same on every run and every machine. One copy for the
 * whole repository (STYLE 17): the shop's traffic, the alert-quality simulator, the insights tests
 * and the benchmark all draw from it.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A key of `weights`, drawn in proportion to its weight. */
  pick<K extends string>(weights: Readonly<Record<K, number>>): K;
  /** Log-normal with the given median and spread (sigma of the underlying normal). */
  logNormal(median: number, sigma: number): number;
  /** Poisson count with mean `lambda`, exact (Knuth): one draw per event, for small means. */
  poisson(lambda: number): number;
  /** Poisson count with mean `lambda`: exact up to 50, a normal approximation above (busy minutes). */
  poissonApprox(lambda: number): number;
  /** Successes out of `n` trials with probability `p` (exact up to 50 trials, normal approximation above). */
  binomial(n: number, p: number): number;
  /** A copy of `items` in a random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

/** mulberry32: tiny, fast and plenty for simulations and test data (not for anything secret). */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  // Knuth's method; a mean of zero or less gives 0 (after its one draw, so sequences stay as they were).
  const poisson = (lambda: number) => {
    const limit = Math.exp(-lambda);
    let k = 0;
    for (let p = next(); p > limit; p *= next()) k++;
    return k;
  };
  return {
    next,
    normal,
    chance: (p) => next() < p,
    pick(weights) {
      const entries = Object.entries(weights) as [keyof typeof weights, number][];
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [key, w] of entries) {
        r -= w;
        if (r < 0) return key;
      }
      return entries[entries.length - 1]![0];
    },
    logNormal: (median, sigma) => median * Math.exp(sigma * normal()),
    poisson,
    poissonApprox(lambda) {
      if (lambda <= 0) return 0;
      if (lambda > 50) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
      return poisson(lambda);
    },
    binomial(n, p) {
      if (n <= 0 || p <= 0) return 0;
      if (p >= 1) return n;
      if (n > 50) return Math.min(n, Math.max(0, Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normal())));
      let k = 0;
      for (let i = 0; i < n; i++) if (next() < p) k++;
      return k;
    },
    shuffle(items) {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
}
