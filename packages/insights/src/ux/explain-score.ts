import type { PrometheusClient } from '../prometheus/client.ts';
import { PrometheusError } from '../prometheus/errors.ts';

/** The recorded parts of the User Experience Score (rules' `uxScoreRules`): component value and weight. */
export const UX_SERIES = { component: 'ux:component:ratio_rate5m', weight: 'ux:component:weight' } as const;

/** Components at one time: value in [0, 1] and weight, by component name. */
export type ScoreParts = Readonly<Record<string, { readonly value: number; readonly weight: number }>>;

/** How much one component moved the score. */
export interface ComponentChange {
  readonly component: string;
  readonly before: number | null;
  readonly after: number | null;
  /** Change of its share of the score (weight × value / total weight). */
  readonly contribution: number;
}

/** Which components moved the score between two times, largest first. */
export interface ScoreExplanation {
  readonly before: number;
  readonly after: number;
  readonly change: number;
  readonly components: readonly ComponentChange[];
  readonly sentence: string;
}

/**
 * Splits a change of the score into its components: each contributes weight × value / total weight
 * of the components present, so the contributions add up to the score and their changes to its
 * change. A component that appears or disappears (browser data) is named as such.
 */
export function explainScoreChange(before: ScoreParts, after: ScoreParts): ScoreExplanation {
  const share = (parts: ScoreParts) => {
    const total = Object.values(parts).reduce((s, p) => s + p.weight, 0);
    return Object.fromEntries(
      Object.entries(parts).map(([k, p]) => [k, total > 0 ? (p.weight * p.value) / total : 0]),
    );
  };
  const [b, a] = [share(before), share(after)];
  const score = (s: Record<string, number>) => Object.values(s).reduce((x, y) => x + y, 0);
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const components = names
    .map((component) => ({
      component,
      before: before[component]?.value ?? null,
      after: after[component]?.value ?? null,
      contribution: (a[component] ?? 0) - (b[component] ?? 0),
    }))
    .sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution));
  const [s0, s1] = [score(b), score(a)];
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const pts = (v: number) => `${v >= 0 ? '+' : '−'}${(Math.abs(v) * 100).toFixed(1)} points`;
  const top = components[0];
  const moved = (c: ComponentChange) =>
    c.before === null
      ? `${c.component} appeared (${pct(c.after ?? 0)})`
      : c.after === null
        ? `${c.component} disappeared`
        : `${c.component} ${pct(c.before)} → ${pct(c.after)}`;
  const sentence =
    top && Math.abs(s1 - s0) > 1e-9
      ? `the score went from ${pct(s0)} to ${pct(s1)} (${pts(s1 - s0)}): ${components
          .filter((c) => Math.abs(c.contribution) > 1e-9 || c.before === null || c.after === null)
          .map((c) => `${moved(c)} (${pts(c.contribution)})`)
          .join(', ')}`
      : `the score did not change (${pct(s1)})`;
  return { before: s0, after: s1, change: s1 - s0, components, sentence };
}

/** Reads the recorded parts of the score at two times from Prometheus and explains the change. */
export async function explainUxScore(
  client: PrometheusClient,
  before: Date,
  after: Date,
): Promise<ScoreExplanation> {
  const parts = async (time: Date): Promise<ScoreParts> => {
    const [values, weights] = await Promise.all([
      client.query(UX_SERIES.component, time),
      client.query(UX_SERIES.weight, time),
    ]);
    const weight = new Map(weights.map((s) => [s.labels['component'] ?? '', s.points[0]?.[1] ?? Number.NaN]));
    const out: Record<string, { value: number; weight: number }> = {};
    for (const s of values) {
      const name = s.labels['component'] ?? '';
      const value = s.points[0]?.[1];
      if (value === undefined || !Number.isFinite(value) || !weight.has(name)) continue;
      out[name] = { value, weight: weight.get(name) as number };
    }
    if (Object.keys(out).length === 0)
      throw new PrometheusError(
        'unexpected-result',
        `no ${UX_SERIES.component} with a ${UX_SERIES.weight} at ${time.toISOString()}`,
        'load the User Experience Score rules (rules: renderUxRulesFile) into Prometheus, and pick a time after they started recording',
      );
    return out;
  };
  return explainScoreChange(await parts(before), await parts(after));
}
