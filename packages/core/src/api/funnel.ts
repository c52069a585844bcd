import { standardCatalog } from '../catalog/standard.ts';
import { describeInput } from '../guards/never-throw.ts';
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
  /** The never-throw wrapper of the business API: journeys are recording calls too. */
  shield(name: string, fn: (a: unknown) => void): (a?: unknown) => void;
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
 * A bad declaration (no name, fewer than two steps, a repeated step) throws in strict mode; in production
 * it is counted as `invalid_funnel` and the funnel's journeys drop (and count) every step.
 * Reaching the last step records a conversion and the time to convert from `startedAt`.
 * `end()` before the last step records an abandonment at the last step reached (nothing if none).
 */
export function createFunnel<const S extends string>(
  name: string,
  steps: readonly S[],
  sinks: FunnelSinks,
  options: FunnelOptions = {},
): Funnel<S> {
  const problem = funnelProblem(name, steps, options);
  if (problem) {
    // Strict mode throws here; production counts the bad declaration and every step it drops.
    const metric = `funnel ${typeof name === 'string' ? name : describeInput(name)}`;
    sinks.reporter.report(metric, 'invalid_funnel', 'dropped', problem);
    return inertFunnel(metric, problem, sinks);
  }
  const index = new Map(steps.map((s, i) => [s as string, i]));
  const conversionType = options?.conversionType ?? name;
  const last = steps.length - 1;

  return {
    name,
    steps,
    start(given, startOptions) {
      // Bad journey labels are not fatal: the steps record them as missing (mapped to `other`, counted).
      const labels = (typeof given === 'object' && given !== null ? given : {}) as JourneyLabels;
      const at = (startOptions as { startedAt?: unknown } | null | undefined)?.startedAt;
      const startedAt = (at ?? sinks.now()) as number;
      let position = -1;
      let ended = false;
      return {
        get current() {
          return position >= 0 ? steps[position] : undefined;
        },
        get completed() {
          return position === last;
        },
        step: sinks.shield(`funnel ${name}`, (step) => {
          const i = index.get(step as string);
          if (i === undefined)
            return sinks.reporter.report(
              `funnel ${name}`,
              'unknown_step',
              'dropped',
              `step ${describeInput(step)} is not a step`,
            );
          const known = step as S;
          if (ended) return sinks.anomaly(name, known, 'after_end');
          if (i === position) return sinks.anomaly(name, known, 'repeated');
          if (i < position) return sinks.anomaly(name, known, 'out_of_order');
          if (i > position + 1) sinks.anomaly(name, known, 'skipped');
          position = i;
          sinks.step(name, known, labels);
          if (i === last) {
            ended = true;
            sinks.convert(conversionType, labels, startedAt);
          }
        }),
        end: sinks.shield(`funnel ${name}`, () => {
          if (ended) return;
          ended = true;
          if (position >= 0) sinks.abandon(name, steps[position]!);
        }),
      };
    },
  };
}

// Funnel and step names are label values of the funnel metrics: longer ones would become `other`.
const MAX_NAME = Math.min(
  standardCatalog.funnelSteps.labels.funnel.maxLength ?? 40,
  standardCatalog.funnelSteps.labels.step.maxLength ?? 40,
);

/** What is wrong with a funnel declaration (naming the field), or undefined when it is sound. */
function funnelProblem(name: unknown, steps: unknown, options: unknown): string | undefined {
  if (!isName(name))
    return `name must be a string of 1 to ${MAX_NAME} characters, got ${describeInput(name)}`;
  if (!Array.isArray(steps)) return `steps must be an array of step names, got ${describeInput(steps)}`;
  if (steps.length < 2) return 'steps: a funnel needs at least two steps';
  if (!steps.every(isName)) return `steps must all be strings of 1 to ${MAX_NAME} characters`;
  if (new Set(steps).size !== steps.length) return 'steps: a step is repeated';
  if (options === undefined || options === null) return undefined;
  if (typeof options !== 'object') return `options must be an object, got ${describeInput(options)}`;
  const type = (options as { conversionType?: unknown }).conversionType;
  if (type !== undefined && !isName(type))
    return `options.conversionType must be a string of 1 to ${MAX_NAME} characters, got ${describeInput(type)}`;
  return undefined;
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME;
}

/** A funnel whose declaration was refused: every step is dropped and counted, nothing throws. */
function inertFunnel<S extends string>(metric: string, problem: string, sinks: FunnelSinks): Funnel<S> {
  const drop = () => sinks.reporter.report(metric, 'invalid_funnel', 'dropped', problem);
  return {
    name: metric.slice('funnel '.length),
    steps: [],
    start: () => ({ step: drop, end: () => {}, current: undefined, completed: false }),
  };
}
