/** An autoregressive model x_t = φ1 x_{t-1} + … + φp x_{t-p} + e_t of a mean-removed series. */
export interface Autoregression {
  readonly order: number;
  readonly coefficients: readonly number[];
  /** Variance of e_t relative to that of x_t (1 for order 0). */
  readonly residualShare: number;
}

/**
 * Yule–Walker fit (Levinson–Durbin recursion) of orders 0…maxOrder, the order chosen by AIC
 * (n ln σ²_p + 2p). Autocovariances pair values by timestamp (`stepMs` apart), so gaps are skipped,
 * never closed up. No maintained npm package does just this: `arima` is a WebAssembly forecaster.
 */
export function fitAutoregression(
  values: ReadonlyMap<number, number>,
  stepMs: number,
  maxOrder: number,
): Autoregression {
  const n = values.size;
  const top = Math.max(0, Math.min(maxOrder, Math.floor(n / 10)));
  const gamma = autocovariances(values, stepMs, top);
  const g0 = gamma[0] ?? 0;
  if (!(g0 > 0) || top === 0) return { order: 0, coefficients: [], residualShare: 1 };
  let phi: number[] = [];
  let v = g0;
  let best = { order: 0, coefficients: [] as number[], aic: n * Math.log(g0), v: g0 };
  for (let p = 1; p <= top; p++) {
    let acc = gamma[p] ?? 0;
    for (let j = 1; j < p; j++) acc -= (phi[j - 1] ?? 0) * (gamma[p - j] ?? 0);
    const k = acc / v;
    if (!Number.isFinite(k) || Math.abs(k) >= 1) break;
    phi = [...phi.map((c, j) => c - k * (phi[p - 2 - j] ?? 0)), k];
    v *= 1 - k * k;
    const aic = n * Math.log(v) + 2 * p;
    if (aic < best.aic) best = { order: p, coefficients: phi, aic, v };
  }
  return { order: best.order, coefficients: best.coefficients, residualShare: best.v / g0 };
}

/**
 * Applies the model's filter e_t = x_t − Σ φ_j x_{t−j}: prewhitening. Applied with the technical
 * series' model to both series, it leaves the technical residuals nearly independent, so a
 * cross-correlation at one lag no longer smears over its neighbours and its variance is about 1/n.
 * A timestamp whose p predecessors are not all there gives no output.
 */
export function applyAutoregression(
  values: ReadonlyMap<number, number>,
  stepMs: number,
  model: Autoregression,
): Map<number, number> {
  const out = new Map<number, number>();
  const mean = meanOf(values);
  outer: for (const [key, v] of values) {
    let e = v - mean;
    for (let j = 1; j <= model.order; j++) {
      const previous = values.get(key - j * stepMs);
      if (previous === undefined) continue outer;
      e -= (model.coefficients[j - 1] ?? 0) * (previous - mean);
    }
    out.set(key, e);
  }
  return out;
}

/** Autocovariances γ(0…maxLag) over pairs `k * stepMs` apart, each divided by n (the biased, positive-definite form). */
function autocovariances(values: ReadonlyMap<number, number>, stepMs: number, maxLag: number): number[] {
  const n = values.size;
  const mean = meanOf(values);
  const out: number[] = [];
  for (let k = 0; k <= maxLag; k++) {
    let s = 0;
    for (const [key, v] of values) {
      const w = values.get(key + k * stepMs);
      if (w !== undefined) s += (v - mean) * (w - mean);
    }
    out.push(s / n);
  }
  return out;
}

function meanOf(values: ReadonlyMap<number, number>): number {
  let s = 0;
  for (const v of values.values()) s += v;
  return values.size > 0 ? s / values.size : 0;
}
