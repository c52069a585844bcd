import fc from 'fast-check';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decodeMetricsRequest, MalformedBatchError } from '../src/decode.ts';
import { OTLP_METRICS_PROTO } from '../src/otlp-metrics-proto.ts';

// The gateway reads OTLP/protobuf from anyone on the internet with its own wire reader (for speed,
// see docs/PERFORMANCE.md). These properties hold it to protobufjs on generated requests, and to
// "a clean result or MalformedBatchError, nothing else" on damaged ones.

const REQUEST = protobuf
  .parse(OTLP_METRICS_PROTO, { keepCase: false })
  .root.lookupType('opentelemetry.proto.ExportMetricsServiceRequest');

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 }));
const int64 = fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map(String);
const uint64 = fc.integer({ min: 0, max: 2 ** 40 }).map(String);
const double = fc.double({ noNaN: true });
const anyValue = fc.oneof(
  text.map((stringValue) => ({ stringValue })),
  fc.boolean().map((boolValue) => ({ boolValue })),
  int64.map((intValue) => ({ intValue })),
  double.map((doubleValue) => ({ doubleValue })),
);
const attributes = fc.array(fc.record({ key: text, value: anyValue }), { maxLength: 4 });
const numberPoint = fc
  .record(
    {
      attributes,
      timeUnixNano: uint64,
      value: fc.oneof(
        int64.map((asInt) => ({ asInt })),
        double.map((asDouble) => ({ asDouble })),
      ),
    },
    { requiredKeys: ['attributes'] },
  )
  .map(({ value, ...rest }) => ({ ...rest, ...value }));
const histogramPoint = fc.record({
  attributes,
  count: uint64,
  sum: double,
  bucketCounts: fc.array(uint64, { maxLength: 5 }),
  explicitBounds: fc.array(double, { maxLength: 4 }),
});
const temporality = fc.constantFrom(0, 1, 2);
const metric = fc.oneof(
  fc.record({
    name: text,
    sum: fc.record({
      aggregationTemporality: temporality,
      isMonotonic: fc.boolean(),
      dataPoints: fc.array(numberPoint, { maxLength: 3 }),
    }),
  }),
  fc.record({ name: text, gauge: fc.record({ dataPoints: fc.array(numberPoint, { maxLength: 3 }) }) }),
  fc.record({
    name: text,
    histogram: fc.record({
      aggregationTemporality: temporality,
      dataPoints: fc.array(histogramPoint, { maxLength: 2 }),
    }),
  }),
  fc.record({ name: text }),
);
const request = fc.record({
  resourceMetrics: fc.array(
    fc.record({
      resource: fc.record({ attributes }),
      scopeMetrics: fc.array(
        fc.record({ scope: fc.record({ name: text }), metrics: fc.array(metric, { maxLength: 4 }) }),
        { maxLength: 2 },
      ),
    }),
    { maxLength: 2 },
  ),
});

const encode = (json: unknown) =>
  REQUEST.encode(REQUEST.fromObject(json as Record<string, unknown>)).finish();
/** Plain data, as a deep comparison should see it. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('the gateway’s own OTLP/protobuf reader, on generated input', () => {
  it('decodes every generated request exactly as the protobufjs path decodes its OTLP/JSON form', () => {
    fc.assert(
      fc.property(request, (json) => {
        const ours = decodeMetricsRequest(encode(json), 'protobuf');
        const theirs = decodeMetricsRequest(new TextEncoder().encode(JSON.stringify(json)), 'json');
        expect(plain(ours)).toEqual(plain(theirs));
      }),
      { numRuns: 300 },
    );
  });

  it('answers a damaged body (bytes changed, cut or inserted) with a result or MalformedBatchError, never another error', () => {
    const damage = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), byte: fc.constant(0) }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        byte: fc.integer({ min: 0, max: 255 }),
      }),
    );
    fc.assert(
      fc.property(request, fc.array(damage, { minLength: 1, maxLength: 4 }), (json, damages) => {
        let body = Array.from(encode(json));
        for (const d of damages) {
          const at = body.length === 0 ? 0 : d.at % body.length;
          if (d.kind === 'set' && body.length > 0) body[at] = d.byte;
          else if (d.kind === 'cut') body = body.slice(0, at);
          else if (d.kind === 'insert') body.splice(at, 0, d.byte);
        }
        try {
          const decoded = decodeMetricsRequest(Uint8Array.from(body), 'protobuf');
          expect(Array.isArray(decoded)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedBatchError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
