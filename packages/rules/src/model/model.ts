import type { RulesConfig } from '../kpi/config.ts';
import type { Kpi } from '../kpi/kpi.ts';
import { absentRules } from './absent-rules.ts';
import { type AlertingRule, alertRule } from './alert-rules.ts';
import { kpiRules, type RecordingRule } from './kpi-rules.ts';
import { createRecordSet } from './record-set.ts';
import { validateConfig } from './validate.ts';

/** A rule group as Prometheus, vmalert and the Mimir ruler load it. */
export interface RuleGroup<R> {
  readonly name: string;
  readonly interval: string;
  readonly rules: readonly R[];
}

/** The generator's intermediate model: what the renderers, test generator and benchmark read. */
export interface RulesModel {
  readonly config: RulesConfig;
  /**
   * Name and interval of the one rule group the model renders to. One group, records first, because
   * Prometheus evaluates the rules of a group in order, while separate groups run on their own
   * schedules (and promtool evaluates them in random order): an alert must read the records of
   * the same evaluation.
   */
  readonly group: { readonly name: string; readonly interval: string };
  /** The KPI records (dashboards and queries read these). */
  readonly recording: Pick<RuleGroup<RecordingRule>, 'rules'>;
  /** The records only alerts read: traffic in a window, baselines; after the KPI records they build on. */
  readonly support: Pick<RuleGroup<RecordingRule>, 'rules'>;
  readonly alerting: Pick<RuleGroup<AlertingRule>, 'rules'>;
  /** The recorded series of a KPI window. */
  readonly record: (kpi: Kpi, window: string) => RecordingRule;
}

/** Builds the model of a config: recording rules for every KPI window, then alerts on them. */
export function buildModel(config: RulesConfig): RulesModel {
  validateConfig(config);
  const byKpi = new Map<Kpi, Map<string, RecordingRule>>();
  const record = (kpi: Kpi, window: string): RecordingRule => {
    let windows = byKpi.get(kpi);
    if (!windows) {
      windows = new Map();
      byKpi.set(kpi, windows);
      for (const [i, r] of kpiRules(kpi, record).entries()) windows.set(kpi.windows[i]!, r);
    }
    const r = windows.get(window);
    if (!r) throw new Error(`KPI "${kpi.name}" records windows ${kpi.windows.join(', ')}, not ${window}`);
    return r;
  };
  const recordings = config.kpis.flatMap((k) => k.windows.map((w) => record(k, w)));
  const support = createRecordSet();
  const alerts = [...config.alerts.map((a) => alertRule(a, config, record, support)), ...absentRules(config)];
  return {
    config,
    group: { name: config.name, interval: config.interval ?? '1m' },
    recording: { rules: recordings },
    support: { rules: support.rules },
    alerting: { rules: alerts },
    record,
  };
}
