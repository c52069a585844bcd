import { readFile } from 'node:fs/promises';
import type { CorrelatePrometheusOptions, MetricQuery } from '../analysis/correlate-prometheus.ts';
import type { PrometheusClientOptions } from '../prometheus/client.ts';
import type { Season } from '../seasonal/season.ts';
import { CORRELATE_DEFAULTS } from './defaults.ts';
import { businessKpis, type KpiQuery, technicalKpis } from './kpis.ts';
import { auth, CorrelateRequestError, duration, number, parseTime } from './parse.ts';
import { type CorrelationPreset, correlationPresets, DEFAULT_PRESET } from './presets.ts';

/** One side of a request: PromQL, or a named KPI, with how to show it. */
export interface MetricChoice {
  /** PromQL returning one series; wins over `kpi`. */
  readonly query?: string;
  /** A named KPI (`technicalKpis`, `businessKpis`); default the preset's. */
  readonly kpi?: string;
  readonly name?: string;
  /** `seconds`, `ratio` or a unit word; default the KPI's. */
  readonly unit?: string;
  /** The query returns a raw cumulative counter (turned into a per-second rate). */
  readonly counter?: boolean;
}

/**
 * A correlation as a person or a JSON file states it: strings and numbers, every field optional,
 * defaults in {@link CORRELATE_DEFAULTS}. `bizmetrics correlate` flags and `--config` files map onto it.
 */
export interface CorrelateRequest {
  readonly prometheus?: string;
  /** A named pair of KPIs ({@link correlationPresets}); default `latency-conversion`. */
  readonly preset?: string;
  readonly technical?: MetricChoice;
  readonly business?: MetricChoice;
  /** Prometheus durations (`14d`, `5m`). */
  readonly range?: string;
  readonly step?: string;
  /** ISO 8601 or Unix seconds; default now. */
  readonly end?: string;
  readonly maxLag?: number | string;
  readonly minSamples?: number | string;
  readonly alpha?: number | string;
  /** Technical change the association is stated for; default the KPI's. */
  readonly per?: number | string;
  /** `auto`, `weekly`, `daily` or `none`. */
  readonly season?: string;
  readonly timeout?: string;
  readonly maxPoints?: number | string;
  readonly bearerToken?: string;
  /** `user:password`. */
  readonly basicAuth?: string;
}

/** What a request resolves to: the client to build and the analysis to run. */
export interface ResolvedRequest {
  readonly client: PrometheusClientOptions;
  readonly analysis: Omit<CorrelatePrometheusOptions, 'client'>;
}

const SEASONS = ['auto', 'weekly', 'daily', 'none'] as const;

/** Checks a request and fills in the defaults; throws a {@link CorrelateRequestError} naming the field. */
export function resolveCorrelateRequest(request: CorrelateRequest, now: Date = new Date()): ResolvedRequest {
  const presetName = request.preset ?? DEFAULT_PRESET;
  const preset = (correlationPresets as Record<string, CorrelationPreset>)[presetName];
  if (!preset)
    throw new CorrelateRequestError(
      'preset',
      `unknown preset "${presetName}"; known: ${Object.keys(correlationPresets).join(', ')}`,
    );
  const technical = metric('technical', request.technical, preset.technical, technicalKpis);
  const business = metric('business', request.business, preset.business, businessKpis);
  const end = parseTime('end', request.end, now);
  const range = duration('range', request.range ?? CORRELATE_DEFAULTS.range);
  const season = request.season ?? CORRELATE_DEFAULTS.season;
  if (!(SEASONS as readonly string[]).includes(season))
    throw new CorrelateRequestError('season', `"${season}" is not one of ${SEASONS.join(', ')}`);
  const kpiPer = request.technical?.query
    ? undefined
    : (technicalKpis as Record<string, KpiQuery>)[request.technical?.kpi ?? preset.technical]?.per;
  return {
    client: {
      url: request.prometheus ?? CORRELATE_DEFAULTS.prometheus,
      auth: auth(request),
      timeoutMs: duration('timeout', request.timeout ?? CORRELATE_DEFAULTS.timeout) * 1000,
      maxPointsPerSeries: number('maxPoints', request.maxPoints ?? CORRELATE_DEFAULTS.maxPoints),
    },
    analysis: {
      technical,
      business,
      start: new Date(end.getTime() - range * 1000),
      end,
      stepSeconds: duration('step', request.step ?? CORRELATE_DEFAULTS.step),
      maxLagSteps: number('maxLag', request.maxLag ?? CORRELATE_DEFAULTS.maxLag, true),
      minSamples: number('minSamples', request.minSamples ?? CORRELATE_DEFAULTS.minSamples),
      alpha: number('alpha', request.alpha ?? CORRELATE_DEFAULTS.alpha),
      technicalDelta: request.per !== undefined ? number('per', request.per) : kpiPer,
      season: season as 'auto' | Season,
    },
  };
}

/** Reads a {@link CorrelateRequest} from a JSON file (`bizmetrics correlate --config`). */
export async function loadCorrelateRequest(file: string): Promise<CorrelateRequest> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new CorrelateRequestError('config', `cannot read ${file}: give the path of a JSON file`);
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    return parsed as CorrelateRequest;
  } catch (error) {
    throw new CorrelateRequestError('config', `${file} is not a JSON object: ${(error as Error).message}`);
  }
}

function metric(
  role: 'technical' | 'business',
  choice: MetricChoice | undefined,
  presetKpi: string,
  kpis: Record<string, KpiQuery>,
): MetricQuery {
  const kpiName = choice?.kpi ?? presetKpi;
  const kpi = choice?.query ? undefined : kpis[kpiName];
  if (!choice?.query && !kpi)
    throw new CorrelateRequestError(
      `${role}Kpi`,
      `unknown ${role} KPI "${kpiName}"; known: ${Object.keys(kpis).join(', ')}`,
    );
  return {
    name: choice?.name ?? kpi?.name ?? `${role} metric`,
    query: choice?.query ?? (kpi as KpiQuery).query,
    unit: choice?.unit ?? kpi?.unit,
    kind: choice?.counter ? 'counter' : 'gauge',
  };
}

export { CorrelateRequestError };
