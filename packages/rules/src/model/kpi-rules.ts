import type { Kpi } from '../kpi/kpi.ts';
import { bin, call, type Expr, num, offset, ranged, sumBy } from './promql.ts';
import { recordName } from './record-name.ts';
import { bucketSeries, countSeries, promLabels } from './series.ts';

/** One recording rule of the model. */
export interface RecordingRule {
  readonly record: string;
  readonly expr: Expr;
  /** The recorded series as an expression that remembers its definition (for inlining). */
  readonly ref: Expr;
}

/** The recording rules of a KPI: one per window. */
export function kpiRules(kpi: Kpi, lookup: (kpi: Kpi, window: string) => RecordingRule): RecordingRule[] {
  return kpi.windows.map((w) => {
    const expr = kpiExpr(kpi, w, lookup);
    const record = recordName(kpi, w);
    return { record, expr, ref: { t: 'record', name: record, def: expr } };
  });
}

function rateOf(by: readonly string[], series: Expr, w: string): Expr {
  return sumBy(by, call('rate', ranged(series, w)));
}

function kpiExpr(kpi: Kpi, w: string, lookup: (kpi: Kpi, window: string) => RecordingRule): Expr {
  const by = promLabels(kpi.by);
  switch (kpi.kind) {
    case 'ratio':
      // `(denominator > 0)`: no sample instead of NaN or +Inf when nothing happened.
      return bin(
        '/',
        rateOf(by, countSeries(kpi.numerator), w),
        bin('>', rateOf(by, countSeries(kpi.denominator), w), num(0)),
      );
    case 'rate': {
      const value = rateOf(by, countSeries(kpi.value), w);
      // `or … * 0`: a missing refunds series means no refunds, not no revenue.
      const net = kpi.minus
        ? bin('-', value, bin('or', rateOf(by, countSeries(kpi.minus), w), bin('*', value, num(0))))
        : value;
      return kpi.per === 'minute' ? bin('*', net, num(60)) : net;
    }
    case 'quantile':
      return call(
        'histogram_quantile',
        num(kpi.quantile),
        rateOf(['le', ...by], bucketSeries(kpi.histogram), w),
      );
    case 'share':
      return bin(
        '/',
        rateOf(by, countSeries(kpi.part), w),
        bin('>', rateOf([], countSeries(kpi.part), w), num(0)),
        {
          on: [],
          groupLeft: true,
        },
      );
    case 'comparison': {
      const now = lookup(kpi.of, kpi.window).ref;
      return bin('/', now, bin('>', offset(now, kpi.offset), num(0)));
    }
  }
}
