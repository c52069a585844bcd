import { createBizMetrics, standardCatalog } from '@bizmetrics/core';
import { JsonMetricsSerializer, ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  MeterProvider,
  MetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';

/** How a batch is put on the wire: OTLP/HTTP JSON (what browsers send) or protobuf (what services send). */
export type Encoding = 'json' | 'protobuf';

/** The same requests, pre-encoded, in each temporality and encoding. */
export interface Batches {
  /** Data points in every request. */
  readonly pointsPerRequest: number;
  /** Prometheus series all requests make together (a histogram: its buckets, +Inf, sum and count). */
  readonly promSeries: number;
  /** Deltas, as the browser SDK sends them (the gateway accepts nothing else). */
  readonly delta: Readonly<Record<Encoding, readonly Uint8Array[]>>;
  /** The same points as cumulative sums, as a service's SDK sends them to a collector. */
  readonly cumulative: Readonly<Record<Encoding, readonly Uint8Array[]>>;
}

const std = standardCatalog;

/** Data points per metric in one request: counters with 2–5 labels and a histogram, 100 in all. */
export const MIX = {
  funnelSteps: 40,
  featureUsage: 25,
  milestones: 10,
  sessionsStarted: 10,
  sessionDuration: 15,
};
const POINTS = Object.values(MIX).reduce((a, b) => a + b, 0);

const TIERS = ['free', 'premium', 'enterprise'];
const STEPS = ['landing', 'product', 'cart', 'shipping', 'payment', 'confirmation'];
const SOURCES = ['google', 'newsletter', 'direct', 'partner_ads', 'bing', 'social'];
const DEVICES = ['desktop', 'mobile', 'tablet'];
const VARIANTS = ['control', 'one_page_checkout', 'none'];
const FEATURES = ['export_pdf', 'saved_search', 'bulk_edit', 'share_link', 'dark_mode', 'api_keys', 'sso'];
const named = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}_${i}`);
const pages = (n: number) => Array.from({ length: n }, (_, i) => `/docs/page-${i}`);

/** The i-th label set of a mixed-radix product (first key varies fastest): distinct for distinct i. */
function labelSet(dims: Readonly<Record<string, readonly string[]>>, i: number): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = i;
  for (const [key, values] of Object.entries(dims)) {
    labels[key] = values[rest % values.length]!;
    rest = Math.floor(rest / values.length);
  }
  if (rest > 0)
    throw new RangeError(`label set ${i} is beyond the product of ${Object.keys(dims).join(', ')}`);
  return labels;
}

/** A reader collected on demand, in one temporality. */
class OnDemandReader extends MetricReader {
  constructor(temporality: AggregationTemporality) {
    super({ aggregationTemporalitySelector: () => temporality });
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/**
 * Builds `distinct` different requests of {@link MIX} points each, recorded through the business API
 * on a MeterProvider shaped like the browser SDK's (resource `service.name=web`, meter
 * `@bizmetrics/browser`) and collected once by a delta and once by a cumulative reader: the first
 * collection of both holds the same points, so the two differ only in their temporality field.
 * Every request carries its own series (catalog names, label values inside the declared sets), so
 * `distinct` × the mix stays under every metric's series limit and the catalog processor and the
 * gateway's guards see valid data. Encoded with the OTLP exporters' own serializers.
 */
export async function buildBatches(distinct: number): Promise<Batches> {
  const dims = {
    funnelSteps: {
      step: STEPS,
      source: SOURCES,
      device_type: DEVICES,
      experiment_variant: VARIANTS,
      funnel: ['checkout', 'signup', 'onboarding'],
    },
    featureUsage: {
      feature: [...FEATURES, ...named('feature', Math.ceil((MIX.featureUsage * distinct) / 6))],
      user_tier: TIERS,
      new_user: ['true', 'false'],
    },
    milestones: {
      milestone: named('milestone', Math.ceil((MIX.milestones * distinct) / 3)),
      user_tier: TIERS,
    },
    sessions: { user_tier: TIERS, entry_page: pages(Math.ceil((MIX.sessionDuration * distinct) / 3)) },
  };
  const encoded = {
    delta: { json: [] as Uint8Array[], protobuf: [] as Uint8Array[] },
    cumulative: { json: [] as Uint8Array[], protobuf: [] as Uint8Array[] },
  };
  for (let b = 0; b < distinct; b++) {
    const delta = new OnDemandReader(AggregationTemporality.DELTA);
    const cumulative = new OnDemandReader(AggregationTemporality.CUMULATIVE);
    const provider = new MeterProvider({
      resource: resourceFromAttributes({ 'service.name': 'web' }),
      readers: [delta, cumulative],
    });
    const biz = createBizMetrics({ meter: provider.getMeter('@bizmetrics/browser'), mode: 'strict' });
    const each = (n: number, record: (series: number, k: number) => void) => {
      for (let k = 0; k < n; k++) record(b * n + k, k);
    };
    const count = (k: number) => 1 + ((k * 7) % 20);
    each(MIX.funnelSteps, (s, k) =>
      biz.counter(std.funnelSteps).add(count(k), labelSet(dims.funnelSteps, s) as never),
    );
    each(MIX.featureUsage, (s, k) =>
      biz.counter(std.featureUsage).add(count(k), labelSet(dims.featureUsage, s) as never),
    );
    each(MIX.milestones, (s, k) =>
      biz.counter(std.milestones).add(count(k), labelSet(dims.milestones, s) as never),
    );
    each(MIX.sessionsStarted, (s, k) =>
      biz.counter(std.sessionsStarted).add(count(k), labelSet(dims.sessions, s) as never),
    );
    each(MIX.sessionDuration, (s, k) => {
      const labels = labelSet(dims.sessions, s) as never;
      // 1–8 sessions per point, spread over the catalog's buckets (5 s … 2 h).
      for (let o = 0; o <= k % 8; o++)
        biz.histogram(std.sessionDuration).record(3 + ((o * 733 + k * 97) % 4000), labels);
    });
    for (const [temporality, reader] of [
      ['delta', delta],
      ['cumulative', cumulative],
    ] as const) {
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length) throw new AggregateError(errors, 'collecting a throughput batch failed');
      const points = countPoints(resourceMetrics);
      if (points !== POINTS) throw new Error(`a throughput batch holds ${points} points, not ${POINTS}`);
      encoded[temporality].json.push(JsonMetricsSerializer.serializeRequest(resourceMetrics)!);
      encoded[temporality].protobuf.push(ProtobufMetricsSerializer.serializeRequest(resourceMetrics)!);
    }
    await provider.shutdown();
  }
  const histogramSeries = (std.sessionDuration.buckets?.length ?? 0) + 3;
  const promSeries = distinct * (POINTS - MIX.sessionDuration + MIX.sessionDuration * histogramSeries);
  return { pointsPerRequest: POINTS, promSeries, ...encoded };
}

function countPoints(resourceMetrics: ResourceMetrics): number {
  return resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).reduce((n, m) => n + m.dataPoints.length, 0);
}
