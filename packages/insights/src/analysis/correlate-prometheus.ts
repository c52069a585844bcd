import type { Series } from '../align/series.ts';
import type { PrometheusClient, ResultSeries } from '../prometheus/client.ts';
import { PrometheusError } from '../prometheus/errors.ts';
import { type CorrelateOptions, type CorrelationAnalysis, correlateSeries } from './correlate.ts';
import type { MetricUnit } from './units.ts';

/** A metric to fetch: a PromQL expression that must yield exactly one series. */
export interface MetricQuery {
  readonly name: string;
  readonly query: string;
  readonly unit?: MetricUnit;
  /** `counter` when the query returns a raw cumulative counter (no `rate()`); default `gauge`. */
  readonly kind?: 'gauge' | 'counter';
}

/** Options of {@link correlatePrometheus}. */
export interface CorrelatePrometheusOptions extends Omit<CorrelateOptions, 'stepSeconds'> {
  readonly client: PrometheusClient;
  readonly technical: MetricQuery;
  readonly business: MetricQuery;
  readonly start: Date;
  readonly end: Date;
  readonly stepSeconds: number;
}

/** Runs both range queries and correlates the results. */
export async function correlatePrometheus(options: CorrelatePrometheusOptions): Promise<CorrelationAnalysis> {
  const range = { start: options.start, end: options.end, stepSeconds: options.stepSeconds };
  const [technical, business] = await Promise.all(
    [options.technical, options.business].map(async (m, i) =>
      single(m, await options.client.queryRange(m.query, range), i === 0 ? 'technical' : 'business', options),
    ),
  );
  return correlateSeries(
    {
      name: options.technical.name,
      series: technical as Series,
      unit: options.technical.unit,
      query: options.technical.query,
    },
    {
      name: options.business.name,
      series: business as Series,
      unit: options.business.unit,
      query: options.business.query,
    },
    options,
  );
}

function single(
  metric: MetricQuery,
  result: readonly ResultSeries[],
  role: string,
  options: CorrelatePrometheusOptions,
): Series {
  const between = `between ${options.start.toISOString()} and ${options.end.toISOString()}`;
  if (result.length === 0) {
    throw new PrometheusError(
      'unexpected-result',
      `the ${role} query returned no series ${between}: ${metric.query}`,
      'check the metric names and labels (run the query in the Prometheus UI), or pick a range in which the service was scraped',
    );
  }
  if (result.length > 1) {
    const sample = result
      .slice(0, 3)
      .map((s) => JSON.stringify(s.labels))
      .join(', ');
    throw new PrometheusError(
      'unexpected-result',
      `the ${role} query returned ${result.length} series (${sample}${result.length > 3 ? ', …' : ''}), one is needed`,
      'aggregate it to one series, e.g. wrap it in sum(...) or max(...), or select one label value',
    );
  }
  return { name: metric.name, points: (result[0] as ResultSeries).points, kind: metric.kind ?? 'gauge' };
}
