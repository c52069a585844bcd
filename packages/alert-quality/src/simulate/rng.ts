/** A seeded random source: the same seed gives the same weeks of traffic. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Poisson count with mean `lambda` (normal approximation above 50). */
  poisson(lambda: number): number;
  /** Successes out of `n` trials with probability `p`. */
  binomial(n: number, p: number): number;
}

/** mulberry32: small, fast and good enough for simulated traffic. */
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
  const poisson = (lambda: number) => {
    if (lambda <= 0) return 0;
    if (lambda > 50) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    for (let p = next(); p > limit; p *= next()) k++;
    return k;
  };
  const binomial = (n: number, p: number) => {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n > 50) return Math.min(n, Math.max(0, Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normal())));
    let k = 0;
    for (let i = 0; i < n; i++) if (next() < p) k++;
    return k;
  };
  return { next, normal, poisson, binomial };
}
