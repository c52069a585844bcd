import type { Duration } from '../kpi/window.ts';
import { durationSeconds } from '../kpi/window.ts';
import type { RecordingRule } from './kpi-rules.ts';
import { agg, bin, call, type Expr, num, offset, ranged, withLabel } from './promql.ts';

/** How many past periods the baseline combines (the median of the same time 1, 2 and 3 weeks ago). */
export const BASELINE_PERIODS = 3;
/** The same-day fallback before any period of history exists: the KPI's mean over this window. */
export const TRAILING_WINDOW = '1h';
/** Label of a baseline series that says which tier of history it was computed from. */
export const BASELINE_LABEL = 'baseline';
const DAY = 86_400;

/** Options of {@link baselineOf}. */
export interface BaselineOptions {
  /**
   * A traffic volume a guard compares with its minimum: before any history, the busiest window of
   * the trailing hour, current one included, so the first hour after install judges as soon as
   * traffic flows and a collapse in progress does not empty its own baseline.
   */
  readonly volume?: boolean;
}

/** The records behind one baseline, and the baseline series itself. */
export interface Baseline {
  /** `source` offset by each past period, labelled `period` (what the median is taken over). */
  readonly seasonal: RecordingRule;
  /** The baseline with a `baseline` label naming the tier used. */
  readonly baseline: RecordingRule;
  /** The tiers, most history first: label value and when it applies. */
  readonly tiers: readonly BaselineTier[];
}

/** One rung of the fallback ladder. */
export interface BaselineTier {
  readonly label: string;
  /** Seconds of history this tier needs at least (0: the trailing window of today). */
  readonly needsSeconds: number;
}

/**
 * The baseline of a recorded series, as recording rules that detect for themselves how much history
 * exists: the median of the same time `period`, 2 × `period` and 3 × `period` ago, so that one bad
 * or holiday period neither pages nor blinds; with only two periods their mean, with one that period;
 * with none (a weekly period and less than a week installed) the same time yesterday, and on the
 * first day the trailing hour before the current window (for a volume, see {@link BaselineOptions}).
 */
export function baselineOf(
  source: RecordingRule,
  by: readonly string[],
  window: Duration,
  period: Duration,
  options: BaselineOptions = {},
): Baseline {
  const periods = Array.from({ length: BASELINE_PERIODS }, (_, i) => scale(period, i + 1));
  const seasonalName = `${source.record}_seasonal${period}`;
  const seasonalExpr = periods
    .map((p) => withLabel(offset(source.ref, p), 'period', p))
    .reduce((a, b) => bin('or', a, b));
  const seasonal: RecordingRule = {
    record: seasonalName,
    expr: seasonalExpr,
    ref: { t: 'record', name: seasonalName, def: seasonalExpr },
  };
  const s = seasonal.ref;
  const median = agg('quantile', by, s, num(0.5));
  const count = agg('count', by, s);
  const word = periodWord(period);
  const tiers: { label: string; needsSeconds: number; expr: Expr }[] = [
    {
      label: `median of the same time in the last ${BASELINE_PERIODS} ${word}s`,
      needsSeconds: durationSeconds(period) * BASELINE_PERIODS,
      expr: bin('and', median, bin('==', count, num(BASELINE_PERIODS)), { on: by }),
    },
    {
      label: `mean of the same time in 2 of the last ${BASELINE_PERIODS} ${word}s`,
      needsSeconds: durationSeconds(period) * 2,
      expr: bin('and', median, bin('==', count, num(2)), { on: by }),
    },
    {
      label: `the same time in 1 of the last ${BASELINE_PERIODS} ${word}s`,
      needsSeconds: durationSeconds(period),
      expr: median,
    },
  ];
  if (durationSeconds(period) > DAY)
    tiers.push({ label: 'the same time yesterday', needsSeconds: DAY, expr: offset(source.ref, '1d') });
  tiers.push(
    options.volume
      ? {
          label: `the busiest ${window} of the last ${TRAILING_WINDOW} (no earlier history)`,
          needsSeconds: 0,
          expr: call('max_over_time', ranged(source.ref, TRAILING_WINDOW)),
        }
      : {
          label: trailingTierLabel(window),
          needsSeconds: 0,
          expr: offset(call('avg_over_time', ranged(source.ref, TRAILING_WINDOW)), window),
        },
  );
  const baselineName = `${source.record}_baseline${period}`;
  const baselineExpr = tiers
    .map((t) => withLabel(t.expr, BASELINE_LABEL, t.label))
    .reduce((a, b) => bin('or', a, b, { on: by }));
  return {
    seasonal,
    baseline: {
      record: baselineName,
      expr: baselineExpr,
      ref: { t: 'record', name: baselineName, def: baselineExpr },
    },
    tiers: tiers.map(({ label, needsSeconds }) => ({ label, needsSeconds })),
  };
}

/** The `baseline` label of a KPI's baseline on its first day: the trailing hour before the current window. */
export function trailingTierLabel(window: Duration): string {
  return `the ${TRAILING_WINDOW} before the last ${window} (no earlier history)`;
}

function periodWord(period: Duration): string {
  if (period === '1w') return 'week';
  if (period === '1d') return 'day';
  return `period of ${period}`;
}

/** `1w` × 3 = `3w`. */
function scale(d: Duration, k: number): Duration {
  const m = /^(\d+)([smhdw])$/.exec(d)!;
  return `${Number(m[1]) * k}${m[2]}` as Duration;
}
