import type { AlertQuality } from './alert-quality.ts';
import type { Detection, Score } from './score.ts';

const cell = (d: Detection): string => {
  if (d.minutes !== undefined) return `${Math.round(d.minutes)} min (${d.firstAlert})`;
  return d.alreadyFiring ? `missed (${d.alreadyFiring} was already firing)` : 'missed';
};

function falseText(s: Score): string {
  if (s.falseAlerts.length === 0) return '0';
  const by = new Map<string, number>();
  for (const e of s.falseAlerts) by.set(e.alert, (by.get(e.alert) ?? 0) + 1);
  return `${s.falseAlerts.length} (${[...by].map(([a, n]) => `${a} ×${n}`).join(', ')})`;
}

/** The comparison as a Markdown table. */
export function qualityTable(q: AlertQuality): string {
  const rows = q.article.detections.map(
    (d, i) => `| ${d.incident} | ${cell(d)} | ${cell(q.generated.detections[i]!)} |`,
  );
  return [
    "| incident | article's rules | generated rules |",
    '| --- | --- | --- |',
    ...rows,
    `| false alerts in ${q.evaluatedDays} days without incident | ${falseText(q.article)} | ${falseText(q.generated)} |`,
  ].join('\n');
}
