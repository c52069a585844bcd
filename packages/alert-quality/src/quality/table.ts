import type { AlertQuality } from './alert-quality.ts';
import type { ClassScore, Score } from './score.ts';

const minutes = (x: number | undefined) => (x === undefined ? '—' : `${Math.round(x)}`);

function cell(c: ClassScore | undefined): string {
  if (!c) return '—';
  const times = c.detected ? ` · ${minutes(c.medianMinutes)} / ${minutes(c.worstMinutes)} min` : '';
  return `${c.detected}/${c.total}${times}`;
}

function falseText(list: Score['falsePages'], weeks: number): string {
  if (list.length === 0) return '0';
  const by = new Map<string, number>();
  for (const e of list) by.set(e.alert, (by.get(e.alert) ?? 0) + 1);
  const perWeek = Math.round((list.length / weeks) * 100) / 100;
  return `${perWeek} (${[...by].map(([a, n]) => `${a} ×${n}`).join(', ')})`;
}

/**
 * The comparison as a Markdown table: per incident class, detected/total · median / worst minutes
 * to the first alert; then false pages per simulated week.
 */
export function qualityTable(q: AlertQuality): string {
  const sets = [q.generated, q.staticThresholds, q.article];
  const rows = q.generated.classes.map((c, i) => {
    const first = c.firstAlerts.slice(0, 2).join(', ') || '—';
    return `| ${c.class} | ${cell(c)} | ${first} | ${cell(q.staticThresholds.classes[i])} | ${cell(q.article.classes[i])} |`;
  });
  const tickets = q.generated.falseTickets.length;
  return [
    '| incident class (detected · median / worst minutes to first alert) | generated rules | first generated alert | static thresholds, same false-page rate | article’s rules |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    `| false pages per simulated week | ${falseText(q.generated.falsePages, q.scoredWeeks)} | false tickets: ${tickets} in ${q.scoredWeeks} weeks | ${sets
      .slice(1)
      .map((s) => falseText(s.falsePages, q.scoredWeeks))
      .join(' | ')} |`,
  ].join('\n');
}
