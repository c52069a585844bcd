import { DashboardBuilder, DatasourceVariableBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { DATASOURCE, query } from '../dashboard/panels.ts';
import { UX_RECORDS } from './ux-score.ts';

/** The score and its components on one panel: when the score drops, the component that dropped with it is the cause to look at. */
export function uxScorePanel(): TimeseriesPanel {
  return new TimeseriesPanel()
    .title('User Experience Score and its components')
    .description(
      'Weighted mean of Apdex (HTTP server duration), the share of answers without 5xx, and good LCP share where browsers report it.',
    )
    .datasource(DATASOURCE)
    .unit('percentunit')
    .min(0)
    .max(1)
    .withTarget(query(UX_RECORDS.score, 'score', 'A'))
    .withTarget(query(UX_RECORDS.component, '{{component}}', 'B'))
    .height(8)
    .span(24);
}

/** A dashboard holding {@link uxScorePanel}, for Grafanas that import dashboards one by one. */
export function uxDashboard(): object {
  return new DashboardBuilder('User Experience Score')
    .uid('bizmetrics-ux')
    .tags(['bizmetrics', 'ux'])
    .refresh('1m')
    .time({ from: 'now-24h', to: 'now' })
    .withVariable(new DatasourceVariableBuilder('datasource').label('Data source').type('prometheus'))
    .withPanel(uxScorePanel())
    .build();
}
