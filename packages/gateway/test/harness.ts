import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BizMetrics, createBizMetrics } from '@bizmetrics/core';
import type { Attributes } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  MeterProvider,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import { createGatewayHandler, type GatewayHandlerOptions } from '../src/index.ts';

export const ORIGIN = 'https://shop.example';

class OnDemandReader extends MetricReader {
  constructor(temporality: AggregationTemporality) {
    super({ aggregationTemporalitySelector: () => temporality });
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** A point read back from a provider: value for sums, count/sum/buckets for histograms. */
export interface ReadPoint {
  attributes: Attributes;
  value: number;
  count?: number;
  buckets?: number[];
}

/** A MeterProvider with an on-demand reader and the business API on it. */
export function createMeasured(temporality = AggregationTemporality.CUMULATIVE) {
  const reader = new OnDemandReader(temporality);
  const provider = new MeterProvider({ readers: [reader] });
  const meter = provider.getMeter('gateway-test');
  const biz: BizMetrics = createBizMetrics({ meter, log: () => {} });
  const collect = async () => (await reader.collect()).resourceMetrics;
  const points = async (name: string): Promise<ReadPoint[]> => {
    const rm = await collect();
    const metric = rm.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name);
    if (!metric) return [];
    return metric.dataPoints.map((p) => {
      if (metric.dataPointType === DataPointType.HISTOGRAM) {
        const h = p.value as { sum?: number; count: number; buckets: { counts: number[] } };
        return { attributes: p.attributes, value: h.sum ?? 0, count: h.count, buckets: h.buckets.counts };
      }
      return { attributes: p.attributes, value: p.value as number };
    });
  };
  return { biz, meter, provider, collect, points };
}

/** A gateway handler on a real loopback HTTP server, recording into a cumulative provider. */
export async function startHandler(overrides: Partial<GatewayHandlerOptions> = {}) {
  const measured = createMeasured();
  const handler = createGatewayHandler({
    metrics: measured.biz,
    meter: measured.meter,
    allowedOrigins: [ORIGIN],
    ...overrides,
  });
  const server: Server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/metrics`;
  const businessTotal = async () => {
    let n = 0;
    for (const name of [
      'business.funnel.steps',
      'business.feature.usage',
      'business.milestones',
      'business.sessions.started',
      'business.session.duration.seconds',
      'business.revenue.minor',
    ])
      for (const p of await measured.points(name)) n += p.count ?? p.value;
    return n;
  };
  return {
    ...measured,
    url,
    businessTotal,
    /** Requests counted by the gateway's self-metric with this outcome and reason. */
    async requests(outcome: 'accepted' | 'partial' | 'rejected', reason: string) {
      return (await measured.points('bizmetrics.gateway.requests'))
        .filter((p) => p.attributes['outcome'] === outcome && p.attributes['reason'] === reason)
        .reduce((s, p) => s + p.value, 0);
    },
    /** Points counted in `bizmetrics.gateway.guard.events` with this reason (and action). */
    async guard(reason: string, action?: string) {
      return (await measured.points('bizmetrics.gateway.guard.events'))
        .filter((p) => p.attributes['reason'] === reason && (!action || p.attributes['action'] === action))
        .reduce((s, p) => s + p.value, 0);
    },
    /** The service's own guard events (browsers must never appear here). */
    async serviceGuard() {
      return (await measured.points('bizmetrics.guard.events')).reduce((s, p) => s + p.value, 0);
    },
    post(
      body: string | Uint8Array,
      init: { type?: string; origin?: string | null; headers?: Record<string, string> } = {},
    ) {
      const headers: Record<string, string> = {
        'content-type': init.type ?? 'application/json',
        ...init.headers,
      };
      if (init.origin !== null) headers['origin'] = init.origin ?? ORIGIN;
      return fetch(url, { method: 'POST', headers, body: body as BodyInit });
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

type Attrs = Record<string, string>;
const kv = (attrs: Attrs) => Object.entries(attrs).map(([key, v]) => ({ key, value: { stringValue: v } }));

/** An OTLP/JSON request body with one monotonic sum. */
export function sumBody(
  name: string,
  points: Array<{ attrs: Attrs; value: number | string }>,
  options: { temporality?: number; monotonic?: boolean } = {},
): string {
  return envelope({
    name,
    unit: '{event}',
    sum: {
      aggregationTemporality: options.temporality ?? 1,
      isMonotonic: options.monotonic ?? true,
      dataPoints: points.map((p) => ({ attributes: kv(p.attrs), asDouble: p.value, timeUnixNano: '1' })),
    },
  });
}

/** An OTLP/JSON request body with one histogram. */
export function histogramBody(
  name: string,
  points: Array<{ attrs: Attrs; bucketCounts: number[]; sum: number; count?: number; bounds?: number[] }>,
  bounds: readonly number[],
  temporality = 1,
): string {
  return envelope({
    name,
    unit: 's',
    histogram: {
      aggregationTemporality: temporality,
      dataPoints: points.map((p) => ({
        attributes: kv(p.attrs),
        count: String(p.count ?? p.bucketCounts.reduce((s, c) => s + c, 0)),
        sum: p.sum,
        bucketCounts: p.bucketCounts.map(String),
        explicitBounds: p.bounds ?? bounds,
      })),
    },
  });
}

/** Several metrics in one request. */
export function envelope(...metrics: object[]): string {
  return JSON.stringify({
    resourceMetrics: [
      {
        resource: { attributes: kv({ 'service.name': 'web' }) },
        scopeMetrics: [{ scope: { name: '@bizmetrics/browser' }, metrics }],
      },
    ],
  });
}

/** Valid labels of the feature usage counter. */
export const FEATURE = { feature: 'search', user_tier: 'free', new_user: 'false' };

/** The one metric object inside an envelope, to build batches of several metrics. */
export function metricOf(body: string): object {
  return JSON.parse(body).resourceMetrics[0].scopeMetrics[0].metrics[0];
}
