import type { Catalog, MetricDef } from '@bizmetrics/core';
import { OTHER } from '@bizmetrics/core';

/** Longest free-form label value when a label declares none (the SDK guard's default). */
const DEFAULT_MAX_LENGTH = 64;

/** Metric names in this namespace must be in the catalog; the collector drops the others. */
export const BUSINESS_PREFIX = 'business.';

/** One OTTL statement group of the transform processor for one metric's data points, as YAML data. */
export interface DatapointGroup {
  readonly context: 'datapoint';
  readonly conditions: readonly string[];
  readonly statements: readonly string[];
}

/** One OTTL statement group in the metric context, each statement with its own `where`. */
export interface MetricGroup {
  readonly context: 'metric';
  readonly statements: readonly string[];
}

/** One OTTL statement group of the transform processor. */
export type StatementGroup = DatapointGroup | MetricGroup;

/** The `transform` processor config that enforces a catalog's label allow-lists. */
export interface CatalogTransform {
  readonly error_mode: 'ignore';
  readonly metric_statements: readonly StatementGroup[];
}

/** The `filter` processor config that drops `business.*` metrics outside the catalog. */
export interface CatalogFilter {
  readonly error_mode: 'ignore';
  readonly metric_conditions: readonly string[];
}

const quote = (s: string): string => JSON.stringify(s);
const attr = (key: string): string => `datapoint.attributes[${quote(key)}]`;
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const nameIs = (metric: MetricDef): string => `metric.name == ${quote(metric.name)}`;
const metricsOf = (catalogs: readonly Catalog[]): MetricDef[] => catalogs.flatMap((c) => Object.values(c));

/**
 * OTTL statements for one metric, mirroring the SDK's label guard: undeclared keys removed, every
 * declared key present, values outside the declared set, empty or too long become `other`.
 * Statements run in order, so the length check only ever sees a present value.
 */
export function metricStatements(metric: MetricDef): DatapointGroup {
  const statements = [`keep_keys(datapoint.attributes, ${JSON.stringify(metric.labelKeys)})`];
  for (const key of metric.labelKeys) {
    const spec = metric.labels[key] ?? {};
    const a = attr(key);
    statements.push(`set(${a}, ${quote(OTHER)}) where ${a} == nil or ${a} == ""`);
    if (spec.values) {
      const allowed = [...spec.values, OTHER].map(escapeRegex).join('|');
      statements.push(`set(${a}, ${quote(OTHER)}) where not IsMatch(${a}, ${quote(`^(${allowed})$`)})`);
    } else {
      statements.push(`set(${a}, ${quote(OTHER)}) where Len(${a}) > ${spec.maxLength ?? DEFAULT_MAX_LENGTH}`);
    }
  }
  return { context: 'datapoint', conditions: [nameIs(metric)], statements };
}

/**
 * Sums the data points of one metric that the datapoint statements turned into one series: two
 * users once `user_id` is gone, two devices once both are `other`. Left as they are, both points
 * reach the exporter with the same labels and one replaces the other (the `prometheus` exporter
 * keeps the last, Prometheus' OTLP and remote-write receivers the first). The transform processor
 * groups by attributes and timestamp (and, for deltas, start time): cumulative points of one export
 * share both. Counters and histograms (buckets, count, sum) add up; so do gauges, whose catalog
 * values are counts (users per tier), for which the sum is the count of the merged series.
 */
export function metricAggregation(metric: MetricDef): string {
  return `aggregate_on_attributes("sum", ${JSON.stringify(metric.labelKeys)}) where ${nameIs(metric)}`;
}

/**
 * The transform processor for every metric of the given catalogs: one datapoint group per metric
 * in catalog order, then one metric-context group that sums what became the same series.
 */
export function catalogTransform(...catalogs: readonly Catalog[]): CatalogTransform {
  const metrics = metricsOf(catalogs);
  return {
    error_mode: 'ignore',
    metric_statements: [
      ...metrics.map(metricStatements),
      { context: 'metric', statements: metrics.map(metricAggregation) },
    ],
  };
}

/**
 * The filter processor that drops metrics named `business.*` which none of the catalogs declares:
 * a typo or an undeclared metric would otherwise add series that no allow-list bounds. Metrics
 * outside the namespace (technical metrics, a team's own `shop.*`, the SDK's `bizmetrics.*`) pass.
 */
export function catalogFilter(...catalogs: readonly Catalog[]): CatalogFilter {
  const known = metricsOf(catalogs)
    .map((m) => m.name)
    .filter((n) => n.startsWith(BUSINESS_PREFIX));
  return {
    error_mode: 'ignore',
    metric_conditions: [
      `HasPrefix(metric.name, ${quote(BUSINESS_PREFIX)}) and not ContainsValue(${JSON.stringify(known)}, metric.name)`,
    ],
  };
}
