import type { RecordingRule } from './kpi-rules.ts';
import { render } from './promql.ts';
import { RulesConfigError } from './validate.ts';

/**
 * The records alerts read besides the KPI records (traffic, baselines, shortfalls), in the order they
 * are first needed. Two alerts that need the same series share one record; one name with two
 * different expressions is a config error, never a silent overwrite.
 */
export interface RecordSet {
  add(rule: RecordingRule): RecordingRule;
  readonly rules: readonly RecordingRule[];
}

/** An empty {@link RecordSet}. */
export function createRecordSet(): RecordSet {
  const byName = new Map<string, RecordingRule>();
  return {
    add(rule) {
      const known = byName.get(rule.record);
      if (!known) {
        byName.set(rule.record, rule);
        return rule;
      }
      if (render(known.expr) !== render(rule.expr))
        throw new RulesConfigError(
          `two alerts need a record named ${rule.record} with different expressions; give one of their KPIs another name`,
        );
      return known;
    },
    get rules() {
      return [...byName.values()];
    },
  };
}
