import { promName, standardCatalog } from '@bizmetrics/core';
import { promLabel } from '@bizmetrics/core/prometheus';
import { PanelBuilder as BarGaugePanel } from '@grafana/grafana-foundation-sdk/bargauge';
import {
  DashboardBuilder,
  DatasourceVariableBuilder,
  RowBuilder,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { type Kpi, kpiInputs } from '../kpi/kpi.ts';
import type { RulesModel } from '../model/model.ts';
import { DATASOURCE, GRAFANA_UNIT, instantQuery, query } from './panels.ts';

const SECTIONS: readonly { title: string; kinds: readonly Kpi['kind'][] }[] = [
  { title: 'Conversion and abandonment', kinds: ['ratio'] },
  { title: 'Revenue', kinds: ['rate'] },
  { title: 'Distributions', kinds: ['quantile'] },
  { title: 'Engagement', kinds: ['share'] },
  { title: 'Week over week', kinds: ['comparison'] },
];

/**
 * The business overview dashboard of a model, built with the Grafana Foundation SDK: the funnel by
 * step, one panel per KPI on its recorded series (shortest window), and the firing alerts.
 */
export function overviewDashboard(model: RulesModel): object {
  const { config } = model;
  const builder = new DashboardBuilder(`Business overview — ${config.name}`)
    .uid(`${config.name}-overview`)
    .tags(['bizmetrics', 'business'])
    .refresh('1m')
    .time({ from: 'now-24h', to: 'now' })
    .timezone('browser')
    .withVariable(new DatasourceVariableBuilder('datasource').label('Data source').type('prometheus'));

  builder.withRow(new RowBuilder('Funnel and alerts'));
  for (const funnel of funnels(config.kpis)) builder.withPanel(funnelPanel(funnel));
  builder.withPanel(alertsPanel());
  for (const section of SECTIONS) {
    const kpis = config.kpis.filter((k) => section.kinds.includes(k.kind));
    if (kpis.length === 0) continue;
    builder.withRow(new RowBuilder(section.title));
    for (const kpi of kpis) builder.withPanel(kpiPanel(model, kpi));
  }
  return builder.build();
}

function kpiPanel(model: RulesModel, kpi: Kpi): TimeseriesPanel {
  const window = kpi.windows[0]!;
  const record = model.record(kpi, window).record;
  const legend = kpi.by.length ? kpi.by.map((k) => `{{${promLabel(k)}}}`).join(' ') : kpi.name;
  return new TimeseriesPanel()
    .title(panelTitle(kpi, window))
    .description(kpi.description)
    .datasource(DATASOURCE)
    .unit(GRAFANA_UNIT[kpi.unit])
    .min(0)
    .withTarget(query(record, legend))
    .height(8)
    .span(12);
}

function panelTitle(kpi: Kpi, window: string): string {
  const q = kpi.kind === 'quantile' ? `p${Math.round(kpi.quantile * 100)} ` : '';
  const by = kpi.by.length ? ` by ${kpi.by.join(', ')}` : '';
  return `${q}${kpi.name.replaceAll('_', ' ')}${by} (${window})`;
}

/** Funnels the KPIs read, by the `funnel` label value of their funnel-step inputs. */
function funnels(kpis: readonly Kpi[]): string[] {
  const names = new Set<string>();
  for (const k of kpis)
    for (const s of kpiInputs(k)) {
      const f = (s.where as { funnel?: string }).funnel;
      if (s.metric.name === standardCatalog.funnelSteps.name && f) names.add(f);
    }
  return [...names];
}

function funnelPanel(funnel: string): BarGaugePanel {
  const steps = promName(standardCatalog.funnelSteps);
  return new BarGaugePanel()
    .title(`${funnel} funnel by step (time range)`)
    .description('Journeys that reached each step in the selected time range.')
    .datasource(DATASOURCE)
    .unit('short')
    .withTarget(instantQuery(`sum by (step) (increase(${steps}{funnel="${funnel}"}[$__range]))`, '{{step}}'))
    .height(8)
    .span(12);
}

function alertsPanel(): TablePanel {
  return new TablePanel()
    .title('Firing alerts')
    .description('Alerts of the bizmetrics rules that are firing now.')
    .datasource(DATASOURCE)
    .withTarget(
      instantQuery(
        'ALERTS{alertstate="firing", kpi!=""} or ALERTS{alertstate="firing", alertname="BusinessMetricAbsent"}',
        '{{alertname}}',
      ),
    )
    .height(8)
    .span(12);
}
