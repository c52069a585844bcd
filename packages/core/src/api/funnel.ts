import type { GuardReporter } from '../guards/reporter.ts';

/** Labels a journey carries on every step. */
export interface JourneyLabels {
  readonly source: string;
  readonly device_type: string;
  readonly experiment_variant: string;
}

/** How one funnel is declared. */
export interface FunnelOptions {
  /** Conversion type recorded when a journey reaches the last step (default: the funnel name). */
  readonly conversionType?: string;
}

/** One user's way through a funnel. */
export interface Journey<S extends string> {
  /** Records reaching `step`, subject to the journey policy (see `funnel()`). */
  step(step: S): void;
  /** Ends the journey: before the last step this records an abandonment at the last step reached. */
  end(): void;
  /** The last step recorded, if any. */
  readonly current: S | undefined;
  readonly completed: boolean;
}

/** A declared funnel: its ordered steps, and journeys through it. */
export interface Funnel<S extends string> {
  readonly name: string;
  readonly steps: readonly S[];
  /** Starts tracking a journey; `startedAt` (epoch ms, default now) is the origin of time to convert. */
  start(labels: JourneyLabels, options?: { readonly startedAt?: number }): Journey<S>;
}

/** What a funnel needs from the business API. */
export interface FunnelSinks {
  readonly reporter: GuardReporter;
  readonly now: () => number;
  step(funnel: string, step: string, labels: JourneyLabels): void;
  abandon(funnel: string, step: string): void;
  anomaly(funnel: string, step: string, kind: 'repeated' | 'out_of_order' | 'skipped' | 'after_end'): void;
  convert(type: string, labels: JourneyLabels, startedAt: number): void;
}

/**
 * Declares a funnel. Journey policy, applied to each `step()` call:
 * - the next step, or the first step as the first call: recorded;
 * - a later step that skips some: recorded, and flagged `skipped` (skipped steps are not invented);
 * - the current step again: not recorded, flagged `repeated` (a reload is not a second visit);
 * - an earlier step: not recorded, flagged `out_of_order` (the back button does not re-enter the funnel);
 * - any step after the journey completed or ended: not recorded, flagged `after_end`;
 * - a name that is not a step of the funnel: dropped and counted as `unknown_step` (strict mode throws).
 * Reaching the last step records a conversion and the time to convert from `startedAt`.
 * `end()` before the last step records an abandonment at the last step reached (nothing if none).
 */
export function createFunnel<const S extends string>(
  name: string,
  steps: readonly S[],
  sinks: FunnelSinks,
  options: FunnelOptions = {},
): Funnel<S> {
  if (steps.length < 2) throw new TypeError(`funnel "${name}" needs at least two steps`);
  if (new Set(steps).size !== steps.length) throw new TypeError(`funnel "${name}" repeats a step`);
  const index = new Map(steps.map((s, i) => [s as string, i]));
  const conversionType = options.conversionType ?? name;
  const last = steps.length - 1;

  return {
    name,
    steps,
    start(labels, startOptions) {
      const startedAt = startOptions?.startedAt ?? sinks.now();
      let position = -1;
      let ended = false;
      return {
        get current() {
          return position >= 0 ? steps[position] : undefined;
        },
        get completed() {
          return position === last;
        },
        step(step) {
          const i = index.get(step);
          if (i === undefined)
            return sinks.reporter.report(
              `funnel ${name}`,
              'unknown_step',
              'dropped',
              `"${String(step)}" is not a step`,
            );
          if (ended) return sinks.anomaly(name, step, 'after_end');
          if (i === position) return sinks.anomaly(name, step, 'repeated');
          if (i < position) return sinks.anomaly(name, step, 'out_of_order');
          if (i > position + 1) sinks.anomaly(name, step, 'skipped');
          position = i;
          sinks.step(name, step, labels);
          if (i === last) {
            ended = true;
            sinks.convert(conversionType, labels, startedAt);
          }
        },
        end() {
          if (ended) return;
          ended = true;
          if (position >= 0) sinks.abandon(name, steps[position]!);
        },
      };
    },
  };
}
