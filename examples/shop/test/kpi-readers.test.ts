import { describe, expect, it } from 'vitest';
import { parseExposition } from '../src/demo/exposition.ts';
import { bucketQuantile } from '../src/demo/kpi-snapshot.ts';

describe('parseExposition', () => {
  it('reads names, escaped label values and values, and skips comments', () => {
    const text = [
      '# HELP x_total help',
      '# TYPE x_total counter',
      'x_total{a="1",b="say \\"hi\\""} 3',
      'up 1',
      'h_bucket{le="+Inf"} 7',
    ].join('\n');
    expect(parseExposition(text)).toEqual([
      { name: 'x_total', labels: { a: '1', b: 'say "hi"' }, value: 3 },
      { name: 'up', labels: {}, value: 1 },
      { name: 'h_bucket', labels: { le: '+Inf' }, value: 7 },
    ]);
  });
});

describe('bucketQuantile', () => {
  const buckets = [
    { le: 10, count: 50 },
    { le: 20, count: 100 },
    { le: Number.POSITIVE_INFINITY, count: 100 },
  ];
  it('interpolates inside the bucket that holds the rank, as histogram_quantile does', () => {
    expect(bucketQuantile(0.5, buckets)).toBe(10);
    expect(bucketQuantile(0.75, buckets)).toBe(15);
    expect(bucketQuantile(0.25, buckets)).toBe(5);
  });
  it('answers the highest finite bound for ranks in the +Inf bucket, and nothing without observations', () => {
    expect(
      bucketQuantile(0.99, [
        { le: 10, count: 1 },
        { le: Number.POSITIVE_INFINITY, count: 100 },
      ]),
    ).toBe(10);
    expect(bucketQuantile(0.5, [{ le: Number.POSITIVE_INFINITY, count: 0 }])).toBeUndefined();
  });
});
