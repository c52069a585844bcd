import type { CounterDef } from '@bizmetrics/core';
import { currencyExponent } from '@bizmetrics/core/catalog';
import { promLabel } from '@bizmetrics/core/prometheus';
import type { AlertDef } from '../kpi/alert.ts';
import type { Select } from '../kpi/select.ts';
import type { Baseline } from './baseline-rules.ts';
import type { RecordingRule } from './kpi-rules.ts';
import { bin, call, type Expr, num, ranged, render, sumBy } from './promql.ts';
import { countSeries } from './series.ts';

/**
 * What an alert costs per minute against its baseline, as a recording rule (the insights error-cost
 * analysis reads the same series): for a rate KPI the baseline minus the KPI (revenue in minor units
 * per minute); for a ratio the numerator events the usual ratio would have given on today's
 * denominator minus those that happened (orders, conversions per minute). `>` alerts record the
 * excess instead. Labels: the KPI's.
 */
export function costRecord(
  def: AlertDef,
  kpi: RecordingRule,
  baseline: Baseline,
  by: string[],
): RecordingRule {
  const k = def.kpi;
  const w = def.window;
  const drop = def.condition.op === '<';
  const b = baseline.baseline.ref;
  let expr: Expr;
  if (k.kind === 'ratio') {
    const perMinute = (s: Select<CounterDef>) =>
      bin('*', sumBy(by, call('rate', ranged(countSeries(s), w))), num(60));
    const expected = bin('*', b, perMinute(k.denominator), { on: by });
    const actual = perMinute(k.numerator);
    expr = drop ? bin('-', expected, actual, { on: by }) : bin('-', actual, expected, { on: by });
  } else {
    const gap = drop ? bin('-', b, kpi.ref, { on: by }) : bin('-', kpi.ref, b, { on: by });
    expr = k.per === 'minute' ? gap : bin('*', gap, num(60));
  }
  const level = k.by.length ? k.by.join('_') : 'all';
  const record = `${level}:${k.name}:${drop ? 'shortfall' : 'excess'}_rate${w}_per_minute`;
  return { record, expr, ref: { t: 'record', name: record, def: expr } };
}

/** How the cost reads in the `impact` annotation, around its humanized value. */
export function costWords(def: AlertDef): { before: string; after: string; money: boolean } {
  const k = def.kpi;
  const drop = def.condition.op === '<';
  if (k.kind === 'ratio') {
    const what = render(countSeries(k.numerator));
    return {
      before: '≈ ',
      after: ` ${drop ? 'fewer' : 'more'} ${what} per minute than at the usual ${k.name}`,
      money: false,
    };
  }
  const money = k.value.metric.value === 'money' && k.by.map(promLabel).includes('currency');
  const unit = money ? ' {{ $labels.currency }}' : '';
  return {
    before: '≈ ',
    after: `${unit} per minute ${drop ? 'below' : 'above'} the usual${money ? '' : ` ${k.name}`}`,
    money,
  };
}

/** Currency codes by minor-unit exponent other than 2 (the default), from the core's ISO 4217 table. */
export function currenciesByExponent(): ReadonlyMap<number, readonly string[]> {
  if (byExponent) return byExponent;
  const out = new Map<number, string[]>();
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of letters)
    for (const b of letters)
      for (const c of letters) {
        const code = `${a}${b}${c}`;
        const exp = currencyExponent(code);
        if (exp !== undefined && exp !== 2) out.set(exp, [...(out.get(exp) ?? []), code]);
      }
  byExponent = out;
  return out;
}
let byExponent: Map<number, string[]> | undefined;
