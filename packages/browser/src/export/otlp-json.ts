import type { Snapshot } from '../record/recorder.ts';

const SCOPE = '@bizmetrics/browser';
const DELTA = 1;

const nanos = (ms: number) => `${Math.round(ms)}000000`;
const attributes = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).map(([key, value]) => ({ key, value: { stringValue: value } }));

/**
 * Encodes a snapshot as an OTLP/HTTP JSON metrics request (opentelemetry-proto v1, JSON mapping:
 * lowerCamelCase fields, 64-bit integers as strings): monotonic delta sums for counters, delta
 * explicit-bucket histograms. The resource carries `service.name` only — no per-visitor identity.
 */
export function encodeOtlpJson(snapshot: Snapshot, serviceName: string): string {
  const start = nanos(snapshot.startMs);
  const time = nanos(snapshot.endMs);
  const metrics = snapshot.metrics.map(({ def, points }) => {
    const common = { name: def.name, unit: def.unit, description: def.description };
    if (def.kind === 'histogram')
      return {
        ...common,
        histogram: {
          aggregationTemporality: DELTA,
          dataPoints: points.map((p) => ({
            attributes: attributes(p.labels),
            startTimeUnixNano: start,
            timeUnixNano: time,
            count: String(p.value),
            sum: p.sum,
            bucketCounts: p.counts!.map(String),
            explicitBounds: def.buckets,
          })),
        },
      };
    return {
      ...common,
      sum: {
        aggregationTemporality: DELTA,
        isMonotonic: true,
        dataPoints: points.map((p) => ({
          attributes: attributes(p.labels),
          startTimeUnixNano: start,
          timeUnixNano: time,
          asInt: String(p.value),
        })),
      },
    };
  });
  return JSON.stringify({
    resourceMetrics: [
      {
        resource: { attributes: attributes({ 'service.name': serviceName }) },
        scopeMetrics: [{ scope: { name: SCOPE }, metrics }],
      },
    ],
  });
}
