import { ABSENT_ALERT } from '../model/absent-rules.ts';
import type { AlertingRule } from '../model/alert-rules.ts';
import { render, sel } from '../model/promql.ts';
import type { Scenario } from './alert-scenarios.ts';
import { SCRAPE_LABELS } from './fixtures.ts';

const EVAL_MINUTE = 90;
const STOPS_AT = 20;

/** Two cases for the no-data alerts: every metric stops reporting (all fire), every metric keeps reporting (none). */
export function absentScenarios(rules: readonly AlertingRule[]): Scenario[] {
  const absent = rules.filter((r) => r.alert === ABSENT_ALERT);
  if (absent.length === 0) return [];
  const series = (minutes: number) =>
    absent.map((r) => ({
      series: render(sel(r.labels['metric']!, { ...SCRAPE_LABELS })),
      values: `0+1x${minutes}`,
    }));
  return [
    {
      name: `${ABSENT_ALERT} fires for every metric that stopped reporting`,
      series: series(STOPS_AT),
      evalMinute: EVAL_MINUTE,
      alertname: ABSENT_ALERT,
      expected: absent.map((r) => ({ exp_labels: { ...r.labels }, exp_annotations: { ...r.annotations } })),
    },
    {
      name: `${ABSENT_ALERT} stays silent while metrics report, even without increments`,
      series: absent.map((r) => ({
        series: render(sel(r.labels['metric']!, { ...SCRAPE_LABELS })),
        values: `0x${EVAL_MINUTE}`,
      })),
      evalMinute: EVAL_MINUTE,
      alertname: ABSENT_ALERT,
      expected: [],
    },
  ];
}
