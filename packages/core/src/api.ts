// `@bizmetrics/core/api`: the business API's handle, callback and guard types, for code that passes
// them around, and the one never-throw wrapper every package's recording calls go through.

export type { JourneyLabels } from './api/funnel.ts';
export type {
  CounterHandle,
  GaugeCallback,
  GaugeReading,
  HistogramHandle,
  UpDownHandle,
} from './api/instruments.ts';
export { describeInput, ignoreErrors, neverThrow } from './guards/never-throw.ts';
export { GUARD_REASONS, type GuardAction, type GuardReason } from './guards/reasons.ts';
