// `@bizmetrics/insights/stats`: the statistics the analyses use: correlations, regression, autoregression, effective sample size, t distribution.

export { type Autoregression, applyAutoregression, fitAutoregression } from './stats/autoregression.ts';
export { type Correlation, pearson, significance, spearman } from './stats/correlation.ts';
export { autocorrelations, type EffectiveSizeOptions, effectiveSampleSize } from './stats/effective-size.ts';
export { type LinearFit, type LinearFitOptions, linearFit } from './stats/regression.ts';
export { tQuantileAt, twoSidedP } from './stats/t-distribution.ts';
