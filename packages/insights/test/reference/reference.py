"""Reference values for the statistics tests, computed independently with SciPy.

Run: python3 packages/insights/test/reference/reference.py
The printed numbers are copied into test/stats/*.test.ts; the datasets are repeated there.
"""
import json

import numpy as np
from scipy import stats

# Anscombe's quartet, set I (Anscombe 1973): published r = 0.816, fit y = 3.00 + 0.500 x.
anscombe_x = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5]
anscombe_y = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]
# Ties in both variables, a negative monotone trend with noise.
ties_x = [1, 2, 2, 3, 4, 5, 5, 6, 7, 8, 9, 9]
ties_y = [20, 18, 19, 15, 16, 12, 12, 11, 9, 10, 4, 5]
# Weak relationship: p should be far above 0.05.
weak_x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
weak_y = [3, 7, 2, 9, 4, 4, 8, 1, 6, 5]

out = {}
for name, x, y in [("anscombe", anscombe_x, anscombe_y), ("ties", ties_x, ties_y), ("weak", weak_x, weak_y)]:
    p = stats.pearsonr(x, y)
    s = stats.spearmanr(x, y)
    lr = stats.linregress(x, y)
    n = len(x)
    tq = stats.t.ppf(0.975, n - 2)
    out[name] = {
        "pearson_r": p.statistic,
        "pearson_p": p.pvalue,
        "spearman_rho": s.statistic,
        "spearman_p": s.pvalue,
        "slope": lr.slope,
        "intercept": lr.intercept,
        "slope_stderr": lr.stderr,
        "slope_ci95": [lr.slope - tq * lr.stderr, lr.slope + tq * lr.stderr],
    }

out["t"] = {
    "two_sided_p_t2_df10": 2 * stats.t.sf(2.0, 10),
    "two_sided_p_t0.5_df3": 2 * stats.t.sf(0.5, 3),
    "quantile_0.975_df9": stats.t.ppf(0.975, 9),
    "quantile_0.95_df30": stats.t.ppf(0.95, 30),
}

# Effective sample size (Pyper & Peterman 1998): n / (1 + 2 * sum_k rx(k) ry(k)), k = 1..n/5.
def acf(v, k):
    v = np.asarray(v, dtype=float)
    d = v - v.mean()
    return float(np.sum(d[:-k] * d[k:]) / np.sum(d * d))

ar_x = [0.0]
ar_y = [0.0]
for i in range(1, 40):
    ar_x.append(0.8 * ar_x[-1] + ((i * 7919) % 13 - 6) / 6)
    ar_y.append(0.8 * ar_y[-1] + ((i * 104729) % 11 - 5) / 5)
n = len(ar_x)
s = sum(acf(ar_x, k) * acf(ar_y, k) for k in range(1, n // 5 + 1))
out["effective_n"] = {"x": ar_x, "y": ar_y, "n_eff": n / (1 + 2 * s)}

print(json.dumps(out, indent=1))
