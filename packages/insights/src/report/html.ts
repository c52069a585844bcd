import type { CorrelationAnalysis } from '../analysis/correlate.ts';
import { formatValue } from '../analysis/units.ts';
import { barChart, escapeXml, lineChart, scatterChart } from './svg.ts';
import { renderText } from './text.ts';

/**
 * A self-contained HTML page: the verdict, both series over time, the scatter with its fit and
 * the figures. Charts are inline SVG; the page loads nothing from the network.
 */
export function renderHtml(analysis: CorrelationAnalysis): string {
  const { report, data } = analysis;
  const { technical, business, verdict } = report;
  const tf = (v: number) => formatValue(v, technical.unit);
  const bf = (v: number) => formatValue(v, business.unit);
  const lag = report.bestLagSteps === 0 ? 'same time' : `${report.bestLagSteps} steps later`;
  const charts = [
    data.technical.length > 0
      ? lineChart({ title: technical.name, points: data.technical, color: '#1f77b4', format: tf })
      : '<p>no technical data</p>',
    data.business.length > 0
      ? lineChart({ title: business.name, points: data.business, color: '#2ca02c', format: bf })
      : '<p>no business data</p>',
  ];
  const scatter =
    data.x.length > 0
      ? scatterChart({
          title: `${business.name} (${lag}) against ${technical.name}`,
          x: data.x,
          y: data.y,
          fit: report.impact,
          formatX: tf,
          formatY: bf,
          xLabel: technical.name,
          yLabel: business.name,
        })
      : '<p>no pairs to plot</p>';
  const lags = barChart({
    title: `Pearson r of ${business.name} k steps after ${technical.name} (k > 0: technical leads)`,
    bars: report.lagScan.map((l) => ({
      label: String(l.lagSteps),
      value: l.r,
      highlight: l.lagSteps === report.bestLagSteps,
    })),
  });
  const cls = verdict.kind === 'relationship' ? 'yes' : 'no';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeXml(`${technical.name} → ${business.name}`)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 900px; color: #222; }
.verdict { padding: 0.8rem 1rem; border-radius: 6px; font-size: 1.1rem; }
.verdict.yes { background: #e8f4ea; } .verdict.no { background: #f4f1e8; }
pre { background: #f6f6f6; padding: 1rem; white-space: pre-wrap; font-size: 0.85rem; }
svg { display: block; margin: 1rem 0; max-width: 100%; height: auto; }
</style>
</head>
<body>
<h1>${escapeXml(technical.name)} → ${escapeXml(business.name)}</h1>
<p class="verdict ${cls}">${escapeXml(verdict.summary)}</p>
<h2>Over time</h2>
${charts.join('\n')}
<h2>Scatter and linear fit</h2>
${scatter}
<h2>Lags</h2>
${lags}
<h2>Figures</h2>
<pre>${escapeXml(renderText(report))}</pre>
</body>
</html>
`;
}
