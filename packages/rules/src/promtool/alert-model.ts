import type { AlertDef } from '../kpi/alert.ts';
import { durationMinutes } from '../kpi/window.ts';
import { guardsOwnVolume, trailingFactor, unitsPerWindow } from '../model/alert-rules.ts';
import { TRAILING_WINDOW } from '../model/baseline-rules.ts';
import { promRate } from './prom-rate.ts';

/** Cumulative counter values of one slice's inputs, one per minute from minute 0. */
export interface SliceSeries {
  /** Ratio: numerator and denominator; rate: value (and `minus`, when the KPI subtracts one). */
  readonly num?: readonly number[];
  readonly den?: readonly number[];
  readonly value?: readonly number[];
  readonly minus?: readonly number[];
  /** The guard's selection, when it is not the KPI's own. */
  readonly guard?: readonly number[];
}

/** When an alert goes pending and fires for one slice, and what it reads then. */
export interface SliceTimeline {
  /** First minute of the run of true evaluations that led to firing. */
  readonly pendingFrom?: number;
  readonly firingAt?: number;
  /** The KPI as the alert compares it (`$value`) at a minute. */
  readonly valueAt: (minute: number) => number | undefined;
  /** The baseline of the KPI at a minute. */
  readonly baselineAt: (minute: number) => number | undefined;
  /** The KPI's recorded value and the guard's traffic in the window, at a minute. */
  readonly kpiAt: (minute: number) => number | undefined;
  readonly trafficAt: (minute: number) => number | undefined;
  /** A ratio's numerator or denominator events per minute, as `sum(rate(…)) * 60` reads them. */
  readonly perMinuteAt: (role: 'num' | 'den', minute: number) => number | undefined;
}

/** Closer than this to its threshold, float rounding could decide a comparison: refuse the scenario. */
const TIE = 1e-9;

/**
 * The alert's expression evaluated minute by minute as Prometheus would on these series, then `for`
 * applied. Without `pastWeeks` the history is shorter than a day and the baseline is the trailing
 * tier (the KPI's mean over the hour before the current window; a guard's volume, the busiest
 * window of the last hour): what the generated tests assert and promtool checks. With `pastWeeks`,
 * every weekly tier reads those series at the same minute: the time to detect the docs quote.
 */
export function alertTimeline(
  def: AlertDef,
  s: SliceSeries,
  endMinute: number,
  pastWeeks?: SliceSeries,
): SliceTimeline {
  const w = durationMinutes(def.window);
  const forMinutes = durationMinutes(def.for);
  const trailing = durationMinutes(TRAILING_WINDOW);
  const k = def.kpi;
  const sum = (v: readonly number[] | undefined, t: number, kind: 'rate' | 'increase') =>
    v ? promRate(v, t, w, kind) : undefined;
  const kpiAt = (t: number): number | undefined => {
    if (k.kind === 'ratio') {
      const n = sum(s.num, t, 'rate');
      const d = sum(s.den, t, 'rate');
      return n === undefined || d === undefined || !(d > 0) ? undefined : n / d;
    }
    const v = sum(s.value, t, 'rate');
    if (v === undefined) return undefined;
    const net = s.minus ? v - (sum(s.minus, t, 'rate') ?? 0) : v;
    return k.per === 'minute' ? net * 60 : net;
  };
  const kpi = Array.from({ length: endMinute + 1 }, (_, t) => kpiAt(t));
  const mean = (xs: (number | undefined)[]) => {
    const defined = xs.filter((x): x is number => x !== undefined);
    return defined.length ? defined.reduce((a, b) => a + b, 0) / defined.length : undefined;
  };
  const range = <T>(xs: T[], from: number, to: number) => xs.slice(Math.max(0, from), Math.max(0, to + 1));
  const traffic = Array.from({ length: endMinute + 1 }, (_, t) => sum(s.guard, t, 'increase'));
  // With past weeks that looked like `pastWeeks`, every weekly tier reads their value at this minute.
  const past = pastWeeks && alertTimeline(def, pastWeeks, endMinute);
  const baselineAt = past
    ? (t: number) => past.kpiAt(t)
    : (t: number) => mean(range(kpi, t - w - trailing + 1, t - w));
  const volumeAt = (t: number): number | undefined => {
    if (!def.guard) return Infinity;
    if (guardsOwnVolume(def)) {
      const b = baselineAt(t);
      return b === undefined ? undefined : b * unitsPerWindow(def);
    }
    if (past) return past.trafficAt(t);
    const seen = range(traffic, t - trailing + 1, t).filter((x): x is number => x !== undefined);
    return seen.length ? Math.max(...seen) : undefined;
  };
  const valueAt = (t: number): number | undefined => {
    if (k.kind === 'ratio' && def.condition.op === '<') {
      const d = sum(s.den, t, 'rate');
      if (d === 0) return 0;
    }
    return kpi[t];
  };
  const c = def.condition;
  const holds = (t: number): boolean => {
    const now = valueAt(t);
    const volume = volumeAt(t);
    if (now === undefined || volume === undefined) return false;
    let rhs: number | undefined;
    if ('threshold' in c) rhs = c.threshold;
    else if ('factor' in c && 'offset' in c) {
      // On the trailing tier (no past weeks) volumes are judged on deep moves only.
      const b = baselineAt(t);
      rhs = b === undefined ? undefined : ((past ? undefined : trailingFactor(def)) ?? c.factor) * b;
    } else {
      const avg = mean(range(kpi, t - durationMinutes(c.averageOver) + 1, t));
      rhs = avg === undefined ? undefined : c.factor * avg;
    }
    if (rhs === undefined) return false;
    const trips = c.op === '<' ? now < rhs : now > rhs;
    const judged = volume >= (def.guard?.min ?? 0);
    // A tie matters only where the other half of the expression would let it decide.
    if (judged && tie(now, rhs)) throw tieError(def.name, t);
    if (trips && def.guard && tie(volume, def.guard.min)) throw tieError(def.name, t);
    return trips && judged;
  };
  let pendingFrom: number | undefined;
  let firingAt: number | undefined;
  for (let t = 0; t <= endMinute && firingAt === undefined; t++) {
    if (!holds(t)) {
      pendingFrom = undefined;
      continue;
    }
    pendingFrom ??= t;
    if (t - pendingFrom >= forMinutes) firingAt = t;
  }
  return {
    pendingFrom: firingAt === undefined ? undefined : pendingFrom,
    firingAt,
    valueAt,
    baselineAt,
    kpiAt: (t) => kpi[t],
    perMinuteAt: (role, t) => {
      const r = sum(role === 'num' ? s.num : s.den, t, 'rate');
      return r === undefined ? undefined : r * 60;
    },
    trafficAt: (t) => traffic[t],
  };
}

function tie(a: number, b: number): boolean {
  if (a === 0 && b === 0) return false;
  return Math.abs(a - b) <= TIE * Math.max(Math.abs(a), Math.abs(b));
}

/** Test data that would make a comparison too close to call for float arithmetic. */
export class ThresholdTieError extends Error {
  override name = 'ThresholdTieError';
}

function tieError(alert: string, t: number): Error {
  return new ThresholdTieError(
    `${alert}: test data lands on the threshold at minute ${t}; pick other values`,
  );
}
