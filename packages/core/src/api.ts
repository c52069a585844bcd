// `@bizmetrics/core/api`: the business API's handle, callback and guard types, for code that passes them around.

export type { JourneyLabels } from './api/funnel.ts';
export type {
  CounterHandle,
  GaugeCallback,
  GaugeReading,
  HistogramHandle,
  UpDownHandle,
} from './api/instruments.ts';
export type { GuardAction, GuardReason } from './guards/reasons.ts';
