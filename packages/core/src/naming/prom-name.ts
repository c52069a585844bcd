import type { MetricDef } from '../catalog/metric.ts';

/**
 * Prometheus names of catalog metrics, identical on every export path (contract 1):
 * the JS Prometheus exporter, the Collector's Prometheus exporters, Prometheus's OTLP receiver and
 * VictoriaMetrics with Prometheus naming. Dots become underscores; monotonic counters get `_total`;
 * curly-brace units add nothing; real units are already the last word of the name.
 */
function baseName(metric: Pick<MetricDef, 'name'>): string {
  return metric.name.replace(/[^a-zA-Z0-9_:]/g, '_');
}

/** The series name of a counter (`…_total`), gauge or up-down counter, or the family name of a histogram. */
export function promName(metric: Pick<MetricDef, 'name' | 'kind'>): string {
  const base = baseName(metric);
  return metric.kind === 'counter' ? `${base}_total` : base;
}

/** `…_bucket` series of a histogram. */
export function promBucket(metric: Pick<MetricDef, 'name' | 'kind'>): string {
  return `${histogramBase(metric)}_bucket`;
}

/** `…_sum` series of a histogram. */
export function promSum(metric: Pick<MetricDef, 'name' | 'kind'>): string {
  return `${histogramBase(metric)}_sum`;
}

/** `…_count` series of a histogram. */
export function promCount(metric: Pick<MetricDef, 'name' | 'kind'>): string {
  return `${histogramBase(metric)}_count`;
}

/** Every series name a metric produces in Prometheus. */
export function promSeriesNames(metric: Pick<MetricDef, 'name' | 'kind'>): readonly string[] {
  if (metric.kind !== 'histogram') return [promName(metric)];
  return [promBucket(metric), promSum(metric), promCount(metric)];
}

/** The Prometheus label name of a catalog label key (keys are already snake_case). */
export function promLabel(key: string): string {
  return key.replace(/[^a-zA-Z0-9_]/g, '_');
}

/** The Prometheus type a metric is exposed as. */
export function promType(metric: Pick<MetricDef, 'kind'>): 'counter' | 'histogram' | 'gauge' {
  if (metric.kind === 'counter') return 'counter';
  if (metric.kind === 'histogram') return 'histogram';
  return 'gauge';
}

function histogramBase(metric: Pick<MetricDef, 'name' | 'kind'>): string {
  if (metric.kind !== 'histogram') throw new TypeError(`${metric.name} is a ${metric.kind}, not a histogram`);
  return baseName(metric);
}
