// Datasets and reference values for the statistics tests. The values were computed
// independently with SciPy 1.17 by test/reference/reference.py (run it to reproduce them).

/** Anscombe's quartet, set I (Anscombe 1973): published r = 0.816, fit y = 3.00 + 0.500 x. */
export const anscombe = {
  x: [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5],
  y: [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68],
  pearsonR: 0.8164205163448395,
  pearsonP: 0.0021696288730788152,
  spearmanRho: 0.8181818181818182,
  spearmanP: 0.0020831448404786917,
  slope: 0.5000909090909091,
  intercept: 3.0000909090909103,
  slopeStdError: 0.11790550059563408,
  slopeCi95: [0.2333701363851875, 0.7668116817966308],
};

/** Ties in both variables and a negative monotone trend. */
export const ties = {
  x: [1, 2, 2, 3, 4, 5, 5, 6, 7, 8, 9, 9],
  y: [20, 18, 19, 15, 16, 12, 12, 11, 9, 10, 4, 5],
  pearsonR: -0.9735290397406362,
  pearsonP: 9.791326845819577e-8,
  spearmanRho: -0.9824004562803842,
  spearmanP: 1.2911472059329462e-8,
  slope: -1.820412168792934,
  intercept: 21.83709519136408,
  slopeStdError: 0.135153540748841,
  slopeCi95: [-2.1215530239189366, -1.5192713136669314],
};

/** A weak relationship: nothing significant. */
export const weak = {
  x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  y: [3, 7, 2, 9, 4, 4, 8, 1, 6, 5],
  pearsonR: 0.021161947784524227,
  pearsonP: 0.9537289643998826,
  spearmanRho: 0.07294866524160776,
  spearmanP: 0.8412712675592938,
  slope: 0.01818181818181817,
  intercept: 4.800000000000001,
  slopeStdError: 0.3036962379725467,
  slopeCi95: [-0.6821429624288229, 0.7185065987924593],
};

/** Two AR(1) series (coefficient 0.8) driven by deterministic pseudo-noise, and their effective n. */
export function arPair(): { x: number[]; y: number[]; effectiveN: number } {
  const x = [0];
  const y = [0];
  for (let i = 1; i < 40; i++) {
    x.push(0.8 * (x[i - 1] as number) + (((i * 7919) % 13) - 6) / 6);
    y.push(0.8 * (y[i - 1] as number) + (((i * 104729) % 11) - 5) / 5);
  }
  return { x, y, effectiveN: 16.11943106397093 };
}
