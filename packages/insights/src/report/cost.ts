import { amount, type CostAnalysis, type CostReport } from '../cost/incident-cost.ts';
import { escapeXml, lineChart } from './svg.ts';

/** The cost report as plain text: the summary, then one line per metric. */
export function renderCostText(report: CostReport): string {
  const pct = Math.round(report.confidence * 100);
  const rows = report.lines.map((l) => {
    const name = `${l.metric}${l.group ? ` ${l.group}` : ''}`.padEnd(22);
    const f = (v: number) => amount(v, l.money, l.group, l.unit);
    const range = l.interval
      ? `${f(l.interval[0])} to ${f(l.interval[1])}`
      : 'n/a (too few comparison windows)';
    return `  ${name}lost ${f(l.lost)} of ${f(l.expected)} expected (${Math.round(l.lostShare * 100)}%); ${pct}% interval ${range}; ${l.comparisonWindows} comparison windows`;
  });
  return `${[
    `incident ${report.window.start} → ${report.window.end} (${report.window.source})`,
    '',
    `cost: ${report.summary}`,
    '',
    ...rows,
    ...(report.notes.length > 0 ? ['', 'notes:', ...report.notes.map((n) => `  - ${n}`)] : []),
    '',
    `counterfactual: the median of the window's total at the same time in the ${report.baselineWeeks} previous weeks; interval: how far that missed in windows of the same length without incident.`,
  ].join('\n')}\n`;
}

/** The cost as an HTML panel (a `<section>`): what each metric brought against what it would have, and the table. */
export function renderCostPanel(analysis: CostAnalysis): string {
  const { report } = analysis;
  const charts = analysis.data.map((d) =>
    lineChart({
      title: `${d.label}: actual (solid) and expected from past weeks (dashed), per step`,
      points: d.points.map((p) => [p.t, p.actual] as const),
      second: {
        points: d.points.filter((p) => p.expected !== null).map((p) => [p.t, p.expected as number] as const),
        color: '#888',
      },
      color: '#d62728',
      format: (v) => String(Math.round(v)),
      height: 180,
    }),
  );
  const rows = report.lines
    .map((l) => {
      const f = (v: number) => escapeXml(amount(v, l.money, l.group, l.unit));
      const range = l.interval ? `${f(l.interval[0])} to ${f(l.interval[1])}` : 'n/a';
      return `<tr><td>${escapeXml(`${l.metric}${l.group ? ` ${l.group}` : ''}`)}</td><td>${f(l.lost)}</td><td>${range}</td><td>${f(l.expected)}</td><td>${f(l.actual)}</td></tr>`;
    })
    .join('');
  return `<section class="cost">
<h2>Cost of the incident</h2>
<p class="verdict no">${escapeXml(report.summary)}</p>
<table><thead><tr><th>metric</th><th>lost</th><th>${Math.round(report.confidence * 100)}% interval</th><th>expected</th><th>actual</th></tr></thead><tbody>${rows}</tbody></table>
${charts.join('\n')}
${report.notes.length > 0 ? `<ul>${report.notes.map((n) => `<li>${escapeXml(n)}</li>`).join('')}</ul>` : ''}
</section>`;
}

/** A self-contained page around {@link renderCostPanel}. */
export function renderCostHtml(analysis: CostAnalysis): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Cost of the incident ${escapeXml(analysis.report.window.start)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 900px; color: #222; }
.verdict { padding: 0.8rem 1rem; border-radius: 6px; background: #f4f1e8; }
table { border-collapse: collapse; margin: 1rem 0; } td, th { padding: 0.3rem 0.8rem; border-bottom: 1px solid #ddd; text-align: right; }
td:first-child, th:first-child { text-align: left; }
svg { display: block; margin: 1rem 0; max-width: 100%; height: auto; }
</style>
</head>
<body>
${renderCostPanel(analysis)}
</body>
</html>
`;
}
