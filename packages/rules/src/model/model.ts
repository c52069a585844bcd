import type { RulesConfig } from '../kpi/config.ts';
import type { Kpi } from '../kpi/kpi.ts';
import { absentRules } from './absent-rules.ts';
import { type AlertingRule, alertRule } from './alert-rules.ts';
import { kpiRules, type RecordingRule } from './kpi-rules.ts';
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
  readonly recording: RuleGroup<RecordingRule>;
  readonly alerting: RuleGroup<AlertingRule>;
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
  const alerts = [...config.alerts.map((a) => alertRule(a, config, record)), ...absentRules(config)];
  const interval = config.interval ?? '1m';
  return {
    config,
    recording: { name: `${config.name}-kpis`, interval, rules: recordings },
    alerting: { name: `${config.name}-alerts`, interval, rules: alerts },
    record,
  };
}
