import { durationMinutes } from '../kpi/window.ts';
import { ABSENT_ALERT } from '../model/absent-rules.ts';
import type { AlertingRule } from '../model/alert-rules.ts';
import { render, sel } from '../model/promql.ts';
import type { Scenario } from './alert-scenarios.ts';
import { SCRAPE_LABELS } from './fixtures.ts';

const STOPS_AT = 20;

/**
 * Two cases for the no-data alerts, at one-minute evaluation: every selection stops reporting
 * (all pending the minute before `for` ends, all firing then), and every selection keeps reporting
 * flat counters (none: flat is traffic, not missing data).
 */
export function absentScenarios(rules: readonly AlertingRule[]): { scenarios: Scenario[]; minutes?: number } {
  const absent = rules.filter((r) => r.alert === ABSENT_ALERT);
  if (absent.length === 0) return { scenarios: [] };
  const after = durationMinutes(/\[(\w+)\]/.exec(render(absent[0]!.expr))![1]!);
  const forMinutes = durationMinutes(absent[0]!.for);
  // absent_over_time(x[after]) turns true once the window (t - after, t] holds no sample.
  const firingAt = STOPS_AT + after + forMinutes;
  const series = (values: string) =>
    absent.map((r) => {
      const source = r.source as { absent: string; selector: Record<string, string> };
      return { series: render(sel(source.absent, { ...source.selector, ...SCRAPE_LABELS })), values };
    });
  const labelsOf = (r: AlertingRule) => ({
    ...(r.source as { selector: Record<string, string> }).selector,
    ...r.labels,
  });
  const pending = absent.map((r) => {
    const all = { alertname: ABSENT_ALERT, alertstate: 'pending', ...labelsOf(r) };
    return {
      labels: `ALERTS{${Object.entries(all)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(', ')}}`,
      value: 1,
    };
  });
  return {
    minutes: firingAt - STOPS_AT,
    scenarios: [
      {
        name: `${ABSENT_ALERT} fires for every selection that stopped reporting, after \`for\``,
        series: series(`0+1x${STOPS_AT}`),
        alertChecks: [
          { evalMinute: firingAt - 1, alertname: ABSENT_ALERT, expected: [] },
          {
            evalMinute: firingAt,
            alertname: ABSENT_ALERT,
            expected: absent.map((r) => ({ exp_labels: labelsOf(r), exp_annotations: { ...r.annotations } })),
          },
        ],
        exprChecks: [
          {
            evalMinute: firingAt - 1,
            expr: `ALERTS{alertname="${ABSENT_ALERT}", alertstate="pending"}`,
            expected: pending,
          },
        ],
      },
      {
        name: `${ABSENT_ALERT} stays silent while counters report, even flat`,
        series: series(`0x${firingAt + 5}`),
        alertChecks: [{ evalMinute: firingAt, alertname: ABSENT_ALERT, expected: [] }],
        exprChecks: [{ evalMinute: firingAt, expr: `ALERTS{alertname="${ABSENT_ALERT}"}`, expected: [] }],
      },
    ],
  };
}
