import type { Counter } from '@opentelemetry/api';
import { ignoreErrors } from './never-throw.ts';
import { BizMetricsInputError, type GuardAction, type GuardReason } from './reasons.ts';

/** Where guard findings go: counted and logged (production) or thrown (strict). */
export interface GuardReporter {
  report(metric: string, reason: GuardReason, action: GuardAction, detail: string): void;
}

/** Options for the production reporter. */
export interface ReporterOptions {
  readonly strict: boolean;
  /** Self-metric counter `bizmetrics.guard.events`. */
  readonly counter: Counter;
  readonly log: (message: string) => void;
  readonly now: () => number;
  /** Least time between two log lines for the same metric and reason. */
  readonly logIntervalMs: number;
}

interface LogState {
  lastLoggedAt: number;
  suppressed: number;
}

/**
 * Creates the reporter. In production every finding is counted by metric, reason and action, and
 * logged at most once per interval per (metric, reason) with the number of suppressed repeats.
 */
export function createGuardReporter(options: ReporterOptions): GuardReporter {
  const logStates = new Map<string, LogState>();
  return {
    report(metric, reason, action, detail) {
      if (options.strict) throw new BizMetricsInputError(metric, reason, detail);
      options.counter.add(1, { metric, reason, action });
      const key = `${metric}\u0000${reason}`;
      const now = options.now();
      const state = logStates.get(key);
      if (state && now - state.lastLoggedAt < options.logIntervalMs) {
        state.suppressed++;
        return;
      }
      const repeats = state?.suppressed ? ` (${state.suppressed} more since the last report)` : '';
      logStates.set(key, { lastLoggedAt: now, suppressed: 0 });
      ignoreErrors(() =>
        options.log(`bizmetrics: ${action} input for ${metric}: ${reason}: ${detail}${repeats}`),
      );
    },
  };
}
