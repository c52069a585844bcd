import { describe, expect, it } from 'vitest';
import { correlateSeries } from '../../src/analysis.ts';
import { renderHtml, renderJson, renderText } from '../../src/index.ts';
import { plantedPair } from '../support/planted.ts';

const pair = plantedPair({
  n: 200,
  stepSeconds: 300,
  start: 1_700_000_000,
  lagSteps: 1,
  slope: -0.1,
  correlation: -0.7,
  seed: 31,
});
const analysis = correlateSeries(
  {
    name: 'p99 <latency>',
    unit: 'seconds',
    query: 'histogram_quantile(0.99, x)',
    series: { name: 't', points: pair.technical },
  },
  { name: 'conversion & co', unit: 'ratio', series: { name: 'b', points: pair.business } },
  { stepSeconds: 300, technicalDelta: 0.1 },
);

describe('reports', () => {
  it('prints the verdict first in the text report', () => {
    const text = renderText(analysis.report);
    expect(text.split('\n')[2]).toBe(`verdict: ${analysis.report.verdict.summary}`);
    expect(text).toMatch(/ {2}best lag {14}1 steps \(5m\) {18}1 steps \(5m\)\n/);
    expect(text).toContain('raw (as measured)');
    expect(text).toMatch(/adjusted \(trend; AR\(\d\)\) ← verdict/);
  });

  it('prints one JSON object with the figures the issue lists, NaN as null', () => {
    const json = JSON.parse(
      renderJson({ ...analysis.report, raw: { ...analysis.report.raw, pearsonAtLag0: Number.NaN } }),
    );
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['raw', 'adjusted', 'basis', 'adjustment', 'association', 'leads', 'verdict']),
    );
    expect(Object.keys(json.adjusted)).toEqual(
      expect.arrayContaining(['pearson', 'spearman', 'sampleSize', 'bestLagSteps', 'lagInterval', 'slope']),
    );
    expect(json.basis).toBe('adjusted');
    expect(json.association.slopeInterval).toHaveLength(2);
    expect(json.raw.pearsonAtLag0).toBeNull();
  });

  it('escapes names in the HTML report and loads nothing from the network', () => {
    const html = renderHtml(analysis);
    expect(html).toContain('p99 &#60;latency&#62;');
    expect(html).not.toContain('p99 <latency>');
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    // both series, no profile (under two days), the residual scatter, r by lag adjusted and raw
    expect(html.match(/<svg /g)).toHaveLength(5);
    expect(html).toContain('no cycle removed: needs ≥ 2 days to remove a daily cycle');
  });

  it('leaves out meaningless figures when the series is constant', () => {
    const flat = correlateSeries(
      { name: 'p99', unit: 'seconds', series: { name: 't', points: pair.technical } },
      {
        name: 'conversion',
        unit: 'ratio',
        series: { name: 'b', points: pair.business.map(([t]) => [t, 0.1 * 0.5]) },
      },
      { stepSeconds: 300 },
    );
    const text = renderText(flat.report);
    expect(flat.report.verdict.kind).toBe('constant-series');
    expect(text).not.toContain('pearson r');
    expect(text).toContain('cycle removed: none');
  });
});

describe('chart axes', () => {
  it('label zero as 0, not as the -5.55e-14 repeated additions leave (seen on the demo report)', async () => {
    const { scatterChart } = await import('../../src/report/svg.ts');
    const svg = scatterChart({
      title: 't',
      x: [-0.3, 0.3],
      y: [-0.3, 0.3],
      fit: { slope: 1, intercept: 0 },
      formatX: String,
      formatY: String,
      xLabel: 'x',
      yLabel: 'y',
    });
    const labels = [...svg.matchAll(/>([^<>]*)<\/text>/g)].map((m) => m[1]);
    expect(labels).toContain('0');
    expect(labels.filter((l) => /e-\d/.test(l ?? ''))).toEqual([]);
  });
});
