import type { AlertDef } from './alert.ts';
import type { Kpi } from './kpi.ts';
import type { Duration } from './window.ts';

/** Everything `rules generate` turns into files. */
export interface RulesConfig {
  /** Prefix of group names and file names: `checkout` → `checkout.rules.yaml`. */
  readonly name: string;
  readonly kpis: readonly Kpi[];
  readonly alerts: readonly AlertDef[];
  /** Where alert annotations point. */
  readonly links: { readonly runbookBase: string; readonly dashboard: string };
  /** Raise `BusinessMetricAbsent` when an alert's input series vanish for this long (default 30m). */
  readonly noDataAfter?: Duration;
  /** Rule evaluation interval (default 1m). */
  readonly interval?: Duration;
}

/** Identity helper that gives a config file type checking and completion. */
export function defineConfig(config: RulesConfig): RulesConfig {
  return config;
}
