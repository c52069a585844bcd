import protobuf from 'protobufjs';
import { decodeProtobufRequest } from './decode-protobuf.ts';
import { OTLP_METRICS_PROTO } from './otlp-metrics-proto.ts';

/** A key/value attribute as decoded; `value` is the JSON form of an OTLP AnyValue. */
export interface DecodedAttribute {
  readonly key: string;
  readonly value?: { readonly stringValue?: unknown; readonly [other: string]: unknown };
}

/** A counter or gauge data point. */
export interface DecodedNumberPoint {
  readonly attributes: readonly DecodedAttribute[];
  readonly value: unknown;
}

/** A histogram data point. */
export interface DecodedHistogramPoint {
  readonly attributes: readonly DecodedAttribute[];
  readonly count: unknown;
  readonly sum: unknown;
  readonly bucketCounts: readonly unknown[];
  readonly explicitBounds: readonly unknown[];
}

/** One metric of a batch, reduced to what validation looks at. */
export type DecodedMetric =
  | {
      readonly name: string;
      readonly type: 'sum';
      readonly temporality: number;
      readonly monotonic: boolean;
      readonly points: readonly DecodedNumberPoint[];
    }
  | {
      readonly name: string;
      readonly type: 'histogram';
      readonly temporality: number;
      readonly points: readonly DecodedHistogramPoint[];
    }
  | { readonly name: string; readonly type: 'gauge' | 'exponential_histogram' | 'summary' | 'none' };

/** Thrown when a body is not a valid OTLP metrics request. */
export class MalformedBatchError extends Error {
  override name = 'MalformedBatchError';
}

const ROOT = protobuf.parse(OTLP_METRICS_PROTO, { keepCase: false }).root;
const REQUEST = ROOT.lookupType('opentelemetry.proto.ExportMetricsServiceRequest');
const RESPONSE = ROOT.lookupType('opentelemetry.proto.ExportMetricsServiceResponse');

/**
 * The OTLP success response: empty, or with `partial_success` when points were rejected (OTLP/HTTP:
 * status 200, the client must not retry them). JSON in OTLP/JSON form (int64 as a string).
 */
export function encodeResponse(
  encoding: 'json' | 'protobuf',
  rejected: number,
  message: string,
): Uint8Array | string {
  const partial = rejected > 0 ? { rejectedDataPoints: rejected, errorMessage: message } : undefined;
  if (encoding === 'json')
    return JSON.stringify(
      partial ? { partialSuccess: { ...partial, rejectedDataPoints: String(rejected) } } : {},
    );
  return RESPONSE.encode(RESPONSE.fromObject(partial ? { partialSuccess: partial } : {})).finish();
}

/** Decodes a response (tests, and clients written in JS). */
export function decodeResponse(body: Uint8Array): { rejectedDataPoints: number; errorMessage: string } {
  const object = RESPONSE.toObject(RESPONSE.decode(body), { longs: Number, defaults: true }) as {
    partialSuccess?: { rejectedDataPoints: number; errorMessage: string };
  };
  return object.partialSuccess ?? { rejectedDataPoints: 0, errorMessage: '' };
}

const TO_OBJECT = { longs: Number, enums: Number, defaults: true, arrays: true, oneofs: true } as const;

/**
 * Decodes an OTLP/HTTP metrics request body. OTLP/JSON (lowerCamelCase fields, 64-bit integers as
 * strings) goes through the generated protobufjs type with `fromObject`; protobuf, the bulk of the
 * traffic, through the gateway's own reader (`decode-protobuf.ts`), which returns exactly what
 * protobufjs' `decode` would (tested), so JSON and protobuf batches are judged identically.
 */
export function decodeMetricsRequest(body: Uint8Array, encoding: 'json' | 'protobuf'): DecodedMetric[] {
  if (encoding === 'protobuf')
    try {
      return decodeProtobufRequest(body);
    } catch (error) {
      throw new MalformedBatchError(`not an OTLP metrics request: ${(error as Error).message}`);
    }
  let message: protobuf.Message;
  try {
    message = REQUEST.fromObject(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)));
  } catch (error) {
    throw new MalformedBatchError(`not an OTLP metrics request: ${(error as Error).message}`);
  }
  const request = REQUEST.toObject(message, TO_OBJECT) as { resourceMetrics: RawResourceMetrics[] };
  return request.resourceMetrics.flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics.map(toMetric)));
}

interface RawResourceMetrics {
  scopeMetrics: Array<{ metrics: RawMetric[] }>;
}
interface RawMetric {
  name: string;
  data?: 'gauge' | 'sum' | 'histogram' | 'exponentialHistogram' | 'summary';
  sum?: { dataPoints: RawNumberPoint[]; aggregationTemporality: number; isMonotonic: boolean };
  histogram?: { dataPoints: RawHistogramPoint[]; aggregationTemporality: number };
}
interface RawNumberPoint {
  attributes: DecodedAttribute[];
  value?: 'asDouble' | 'asInt';
  asDouble?: number;
  asInt?: number;
}
interface RawHistogramPoint {
  attributes: DecodedAttribute[];
  count: number;
  sum?: number;
  bucketCounts: number[];
  explicitBounds: number[];
}

function toMetric(raw: RawMetric): DecodedMetric {
  const name = raw.name;
  if (raw.data === 'sum' && raw.sum)
    return {
      name,
      type: 'sum',
      temporality: raw.sum.aggregationTemporality,
      monotonic: raw.sum.isMonotonic,
      points: raw.sum.dataPoints.map((p) => ({
        attributes: p.attributes,
        value: p.value === 'asInt' ? p.asInt : p.value === 'asDouble' ? p.asDouble : undefined,
      })),
    };
  if (raw.data === 'histogram' && raw.histogram)
    return {
      name,
      type: 'histogram',
      temporality: raw.histogram.aggregationTemporality,
      points: raw.histogram.dataPoints.map((p) => ({
        attributes: p.attributes,
        count: p.count,
        sum: p.sum,
        bucketCounts: p.bucketCounts,
        explicitBounds: p.explicitBounds,
      })),
    };
  if (raw.data === 'exponentialHistogram') return { name, type: 'exponential_histogram' };
  if (raw.data === 'gauge' || raw.data === 'summary') return { name, type: raw.data };
  return { name, type: 'none' };
}
