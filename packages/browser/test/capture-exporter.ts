import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import {
  AggregationTemporality,
  DataPointType,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';

/** One exported data point, flattened. */
export interface Point {
  readonly name: string;
  readonly attributes: Record<string, unknown>;
  readonly value: number;
  readonly count?: number;
  readonly temporality: AggregationTemporality;
}

/** An exporter that records what it is given, and can be told to fail. */
export interface CaptureExporter extends PushMetricExporter {
  readonly batches: ResourceMetrics[];
  fail: boolean;
  points(): Point[];
}

/** Creates a delta-temporality capturing exporter. */
export function createCaptureExporter(): CaptureExporter {
  const batches: ResourceMetrics[] = [];
  const exporter: CaptureExporter = {
    batches,
    fail: false,
    export(metrics: ResourceMetrics, done: (r: ExportResult) => void) {
      if (exporter.fail) return done({ code: ExportResultCode.FAILED });
      batches.push(metrics);
      done({ code: ExportResultCode.SUCCESS });
    },
    forceFlush: async () => {},
    shutdown: async () => {},
    selectAggregationTemporality: () => AggregationTemporality.DELTA,
    points() {
      return batches.flatMap((b) =>
        b.scopeMetrics.flatMap((s) =>
          s.metrics.flatMap((m) =>
            m.dataPoints.map((p) => {
              const histogram = m.dataPointType === DataPointType.HISTOGRAM;
              const v = p.value as number | { sum?: number; count: number };
              return {
                name: m.descriptor.name,
                attributes: { ...p.attributes },
                value: histogram ? ((v as { sum?: number }).sum ?? 0) : (v as number),
                count: histogram ? (v as { count: number }).count : undefined,
                temporality: m.aggregationTemporality,
              };
            }),
          ),
        ),
      );
    },
  };
  return exporter;
}

/** Sum of values of `name` whose attributes include `match`. */
export function total(points: Point[], name: string, match: Record<string, unknown> = {}): number {
  return points
    .filter((p) => p.name === name && Object.entries(match).every(([k, v]) => p.attributes[k] === v))
    .reduce((s, p) => s + (p.count ?? p.value), 0);
}
