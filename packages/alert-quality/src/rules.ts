// `@bizmetrics/alert-quality/rules`: the rule sets that are scored: the article's alerts, the generated ones, and static thresholds tuned against them.

export { ARTICLE_ALERTS, type BenchAlert } from './quality/article-rules.ts';
export { generatedAlerts, staticCandidates } from './quality/generated-rules.ts';
export { tuneStatic } from './quality/static-thresholds.ts';
