import type { StaticCandidate } from './generated-rules.ts';
import type { ScoredEpisode } from './score.ts';

/** One series of a static rule: the KPI's values at one-minute steps (NaN: no sample). */
export interface StaticSeries {
  readonly rule: StaticCandidate;
  readonly labels: string;
  readonly values: Float64Array;
}

/** A tuned static rule set and what it fires. */
export interface StaticTuning {
  readonly thresholds: readonly { rule: string; labels: string; threshold: number }[];
  readonly episodes: readonly ScoredEpisode[];
}

/**
 * Tunes one threshold per series so the static set pages for nothing at most `budget` times over
 * the simulated weeks, on the very weeks it is scored on: the best a static threshold can do at
 * the same false-page rate, not a strawman. Every threshold starts just under the series' lowest
 * point outside incidents (held for `for`), where it pages for nothing never; the budget then goes,
 * one false page at a time, where it buys the most detections.
 */
export function tuneStatic(
  series: readonly StaticSeries[],
  incidentRanges: readonly { from: number; to: number }[],
  startSeconds: number,
  budget: number,
): StaticTuning {
  const inIncident = (i: number) => {
    const t = startSeconds + i * 60;
    return incidentRanges.some((w) => t >= w.from && t <= w.to);
  };
  const held = series.map((s) => heldMax(s.values, s.rule.forMinutes));
  const ladders = held.map((m) => {
    const outside: number[] = [];
    m.forEach((v, i) => {
      if (Number.isFinite(v) && !inIncident(i)) outside.push(v);
    });
    return [...new Set(outside)].sort((a, b) => a - b);
  });
  const level = series.map(() => 0);
  const episodesOf = (k: number, rung: number) =>
    episodes(series[k]!, held[k]!, ladders[k]![rung] ?? -Infinity, startSeconds);
  const current = series.map((_s, k) => episodesOf(k, 0));
  const falseCount = (eps: readonly ScoredEpisode[]) =>
    eps.filter((e) => !inIncident((e.firingFrom - startSeconds) / 60)).length;
  const detected = (sets: readonly (readonly ScoredEpisode[])[]) =>
    incidentRanges.filter((w) =>
      sets.some((eps) => eps.some((e) => e.firingFrom >= w.from && e.firingFrom <= w.to)),
    ).length;
  let spent = 0;
  for (;;) {
    let best: { k: number; rung: number; eps: ScoredEpisode[]; gain: number; cost: number } | undefined;
    const base = detected(current);
    for (let k = 0; k < series.length; k++) {
      for (let rung = level[k]! + 1; rung < ladders[k]!.length; rung++) {
        const eps = episodesOf(k, rung);
        const cost = falseCount(eps) - falseCount(current[k]!);
        if (spent + cost > budget) break;
        const gain = detected(current.map((c, j) => (j === k ? eps : c))) - base;
        if (gain > 0 && (!best || gain / Math.max(cost, 1) > best.gain / Math.max(best.cost, 1)))
          best = { k, rung, eps, gain, cost };
      }
    }
    if (!best) break;
    level[best.k] = best.rung;
    current[best.k] = best.eps;
    spent += best.cost;
  }
  return {
    thresholds: series.map((s, k) => ({
      rule: s.rule.name,
      labels: s.labels,
      threshold: ladders[k]![level[k]!] ?? -Infinity,
    })),
    episodes: current.flat(),
  };
}

/** The highest value over each minute and the `for` minutes before it: the rule fires where this is under the threshold. */
function heldMax(values: Float64Array, forMinutes: number): Float64Array {
  const out = new Float64Array(values.length).fill(Number.POSITIVE_INFINITY);
  for (let i = forMinutes; i < values.length; i++) {
    let m = Number.NEGATIVE_INFINITY;
    for (let j = i - forMinutes; j <= i && m !== Number.POSITIVE_INFINITY; j++)
      m = Number.isNaN(values[j]!) ? Number.POSITIVE_INFINITY : Math.max(m, values[j]!);
    out[i] = m;
  }
  return out;
}

function episodes(
  s: StaticSeries,
  held: Float64Array,
  threshold: number,
  startSeconds: number,
): ScoredEpisode[] {
  const out: ScoredEpisode[] = [];
  let from: number | undefined;
  for (let i = 0; i <= held.length; i++) {
    const firing = i < held.length && held[i]! < threshold;
    if (firing && from === undefined) from = i;
    if (!firing && from !== undefined) {
      out.push({
        alert: s.rule.name,
        labels: s.labels,
        firingFrom: startSeconds + from * 60,
        until: startSeconds + (i - 1) * 60,
        page: true,
      });
      from = undefined;
    }
  }
  return out;
}
