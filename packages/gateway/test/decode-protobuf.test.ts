import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decodeMetricsRequest, MalformedBatchError } from '../src/decode.ts';
import { OTLP_METRICS_PROTO } from '../src/otlp-metrics-proto.ts';

const REQUEST = protobuf
  .parse(OTLP_METRICS_PROTO, { keepCase: false })
  .root.lookupType('opentelemetry.proto.ExportMetricsServiceRequest');

const kv = (key: string, value: Record<string, unknown>) => ({ key, value });
/** One request in OTLP/JSON form touching every field the gateway reads, and some it skips. */
const REQUEST_JSON = {
  resourceMetrics: [
    {
      resource: { attributes: [kv('service.name', { stringValue: 'web' })] },
      scopeMetrics: [
        {
          scope: { name: '@bizmetrics/browser', version: '1' },
          metrics: [
            {
              name: 'business.funnel.steps',
              unit: '{step}',
              sum: {
                aggregationTemporality: 1,
                isMonotonic: true,
                dataPoints: [
                  {
                    attributes: [
                      kv('funnel', { stringValue: 'checkout' }),
                      kv('step', { stringValue: 'payé ✓' }),
                      kv('new_user', { boolValue: true }),
                      kv('n', { intValue: '-7' }),
                      kv('d', { doubleValue: 1.5 }),
                      kv('a', { arrayValue: { values: [{ stringValue: 'x' }] } }),
                      kv('k', { kvlistValue: { values: [] } }),
                      { key: 'empty' },
                    ],
                    startTimeUnixNano: '1700000000000000000',
                    timeUnixNano: '1700000001000000000',
                    asInt: '3',
                  },
                  { attributes: [], asDouble: 2.5, flags: 1 },
                  { attributes: [] },
                ],
              },
            },
            {
              name: 'business.session.duration.seconds',
              histogram: {
                aggregationTemporality: 1,
                dataPoints: [
                  {
                    attributes: [kv('user_tier', { stringValue: 'free' })],
                    count: '4',
                    sum: 7.25,
                    bucketCounts: ['1', '0', '2', '1'],
                    explicitBounds: [1, 5, 30],
                    min: 0.5,
                    max: 40,
                  },
                  { attributes: [], count: '0', bucketCounts: [], explicitBounds: [] },
                ],
              },
            },
            { name: 'business.cart.gauge', gauge: { dataPoints: [{ asDouble: 1 }] } },
            { name: 'x.exp', exponentialHistogram: { aggregationTemporality: 2 } },
            { name: 'x.summary', summary: {} },
            { name: 'x.nothing' },
          ],
        },
      ],
    },
  ],
};

const protobufBody = () => REQUEST.encode(REQUEST.fromObject(REQUEST_JSON)).finish();
const jsonBody = () => new TextEncoder().encode(JSON.stringify(REQUEST_JSON));
/** Plain data, as a deep comparison should see it. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('the gateway’s own OTLP/protobuf reader', () => {
  it('decodes a request exactly as the protobufjs path decodes the same request in OTLP/JSON', () => {
    const fromProtobuf = decodeMetricsRequest(protobufBody(), 'protobuf');
    const fromJson = decodeMetricsRequest(jsonBody(), 'json');
    expect(plain(fromProtobuf)).toEqual(plain(fromJson));
    expect(fromProtobuf.map((m) => m.type)).toEqual([
      'sum',
      'histogram',
      'gauge',
      'exponential_histogram',
      'summary',
      'none',
    ]);
  });

  it('refuses every truncation of a request that protobufjs refuses, and decodes the rest alike', () => {
    const body = protobufBody();
    for (let cut = 0; cut < body.length; cut++) {
      const part = body.subarray(0, cut);
      let theirs: unknown;
      try {
        REQUEST.decode(part);
        theirs = 'decoded';
      } catch {
        theirs = 'refused';
      }
      let ours: unknown;
      try {
        decodeMetricsRequest(part, 'protobuf');
        ours = 'decoded';
      } catch (error) {
        expect(error, `cut at ${cut}`).toBeInstanceOf(MalformedBatchError);
        ours = 'refused';
      }
      expect(ours, `cut at ${cut}`).toBe(theirs);
    }
  });

  it('refuses invalid UTF-8, an invalid wire type and a length past the end as malformed', () => {
    const badUtf8 = new Uint8Array([
      0x0a, 0x0c, 0x12, 0x0a, 0x12, 0x08, 0x0a, 0x02, 0xc3, 0x28, 0x3a, 0x00, 0, 0,
    ]);
    const wireType7 = new Uint8Array([0x0f]);
    const longLength = new Uint8Array([0x0a, 0x7f, 0x00]);
    for (const body of [badUtf8.subarray(0, 12), wireType7, longLength])
      expect(() => decodeMetricsRequest(body, 'protobuf')).toThrow(MalformedBatchError);
  });
});
