import type { CorrelationAnalysis } from '../analysis/correlate.ts';
import type { LagEvidence } from '../analysis/lag-evidence.ts';
import { formatValue } from '../analysis/units.ts';
import { tQuantileAt } from '../stats/t-distribution.ts';
import { barChart, escapeXml, lineChart, scatterChart } from './svg.ts';
import { renderText } from './text.ts';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * A self-contained HTML page: the verdict, both series over time, their removed cycles, the
 * adjusted scatter with its fit, r by lag raw and adjusted, and the figures. Charts are inline SVG;
 * the page loads nothing from the network.
 */
export function renderHtml(analysis: CorrelationAnalysis): string {
  const { report, data } = analysis;
  const { technical, business, verdict, adjustment, adjusted } = report;
  const tf = (v: number) => formatValue(v, technical.unit);
  const bf = (v: number) => formatValue(v, business.unit);
  const lag = adjusted.bestLagSteps === 0 ? 'same step' : `${adjusted.bestLagSteps} steps later`;
  const series = [
    data.technical.length > 0
      ? lineChart({ title: technical.name, points: data.technical, color: '#1f77b4', format: tf })
      : '<p>no technical data</p>',
    data.business.length > 0
      ? lineChart({ title: business.name, points: data.business, color: '#2ca02c', format: bf })
      : '<p>no business data</p>',
  ];
  const profiles =
    data.profiles.technical.length > 0
      ? [
          profileChart(
            `${technical.name}: ${adjustment.season} profile (removed)`,
            data.profiles.technical,
            report.stepSeconds,
            adjustment.periodSeconds,
            '#1f77b4',
            tf,
          ),
          profileChart(
            `${business.name}: ${adjustment.season} profile (removed)`,
            data.profiles.business,
            report.stepSeconds,
            adjustment.periodSeconds,
            '#2ca02c',
            bf,
          ),
        ]
      : [`<p>no cycle removed: ${escapeXml(adjustment.note ?? '')}</p>`];
  const meanOf = (v: readonly number[]) => v.reduce((s, a) => s + a, 0) / Math.max(1, v.length);
  const slope = report.association.slope;
  const scatter =
    data.x.length > 0
      ? scatterChart({
          title: `${business.name} (${lag}) against ${technical.name}, both with cycles and trend removed`,
          x: data.x,
          y: data.y,
          fit: { slope, intercept: meanOf(data.y) - slope * meanOf(data.x) },
          formatX: tf,
          formatY: bf,
          xLabel: `${technical.name} (residual)`,
          yLabel: `${business.name} (residual)`,
        })
      : '<p>no pairs to plot</p>';
  const lagChart = (title: string, e: LagEvidence) =>
    barChart({
      title,
      band: singleLagThreshold(e, report.settings.alpha),
      bars: e.lagScan.map((l) => ({
        label: String(l.lagSteps),
        value: l.r,
        highlight: l.lagSteps === e.bestLagSteps,
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
pre { background: #f6f6f6; padding: 1rem; white-space: pre-wrap; font-size: 0.8rem; }
svg { display: block; margin: 1rem 0; max-width: 100%; height: auto; }
.note { color: #555; font-size: 0.9rem; }
</style>
</head>
<body>
<h1>${escapeXml(technical.name)} → ${escapeXml(business.name)}</h1>
<p class="verdict ${cls}">${escapeXml(verdict.summary)}</p>
<h2>Over time</h2>
${series.join('\n')}
<h2>Cycles removed before judging</h2>
<p class="note">Mean of each ${escapeXml(formatStep(report.stepSeconds))} slot over the range; a cycle both series share makes them look related. The verdict uses what is left.</p>
${profiles.join('\n')}
<h2>Residual scatter</h2>
${scatter}
<h2>r by lag</h2>
<p class="note">k &gt; 0: ${escapeXml(technical.name)} moves first. The shaded band is where a single lag is not significant; searching ${adjusted.lagsTested} lags needs more.</p>
${lagChart(`adjusted (cycles removed, prewhitened) — the verdict rests on this`, adjusted)}
${lagChart('raw, as measured — shared cycles included', report.raw)}
<h2>Figures</h2>
<pre>${escapeXml(renderText(report))}</pre>
</body>
</html>
`;
}

function profileChart(
  title: string,
  profile: readonly number[],
  stepSeconds: number,
  periodSeconds: number,
  color: string,
  format: (v: number) => string,
): string {
  const points = profile
    .map((v, i): [number, number] => [i * stepSeconds, v])
    .filter(([, v]) => Number.isFinite(v));
  const weekly = periodSeconds > 86_400;
  const formatX = (s: number) => {
    const hour = Math.floor((s % 86_400) / 3600);
    const clock = `${String(hour).padStart(2, '0')}:00`;
    return weekly ? `${DAYS[Math.floor(s / 86_400) % 7]} ${clock}` : clock;
  };
  return lineChart({ title, points, color, format, formatX, height: 180 });
}

/** |r| a single lag needs for p < alpha on the effective sample size. */
function singleLagThreshold(e: LagEvidence, alpha: number): number {
  const df = e.effectiveSampleSize - 2;
  const t = tQuantileAt(1 - alpha / 2, df);
  return t / Math.sqrt(df + t * t);
}

function formatStep(seconds: number): string {
  return seconds % 3600 === 0
    ? `${seconds / 3600} h`
    : seconds % 60 === 0
      ? `${seconds / 60} min`
      : `${seconds} s`;
}
