/** The four instrument kinds a catalog metric can have. */
export type MetricKind = 'counter' | 'histogram' | 'gauge' | 'updown';

/** How one label's values are bounded. */
export interface LabelSpec {
  /** Allowed values; anything else is recorded as `other`. Omit for free-form values. */
  readonly values?: readonly string[];
  /** Longest accepted free-form value (default 64); longer values become `other`. */
  readonly maxLength?: number;
}

/** What a metric definition declares, before validation. */
export interface MetricSpec<K extends MetricKind, L extends string> {
  readonly kind: K;
  /** OpenTelemetry instrument name, dot-separated lower case: `business.funnel.steps`. */
  readonly name: string;
  /** UCUM unit: `s` for seconds, or a curly-brace annotation such as `{event}` for counts. */
  readonly unit: string;
  readonly description: string;
  /** Team that owns the metric; copied into alert labels and docs. */
  readonly owner: string;
  readonly labels: { readonly [P in L]: LabelSpec };
  /** Histogram bucket boundaries (required for histograms). */
  readonly buckets?: readonly number[];
  /** Most distinct label sets kept; more are folded into one all-`other` series. Default 1000. */
  readonly seriesLimit?: number;
  /** Value semantics the guards enforce: money in integer minor units, or a duration in seconds. */
  readonly value?: 'count' | 'money' | 'duration' | 'number';
}

/** A validated metric definition: the unit of the catalog. */
export interface MetricDef<K extends MetricKind = MetricKind, L extends string = string>
  extends MetricSpec<K, L> {
  readonly seriesLimit: number;
  readonly labelKeys: readonly L[];
  readonly value: 'count' | 'money' | 'duration' | 'number';
}

/** Label keys of a metric definition. */
export type LabelKeys<M> = M extends MetricDef<MetricKind, infer L> ? L : never;

/** A label value as callers pass it; booleans become `true`/`false`. */
export type LabelValue = string | boolean;

/** The label set a call site must pass for metric `M`: every declared key, no other. */
export type Labels<M> = { readonly [P in LabelKeys<M>]: LabelValue };

export type CounterDef<L extends string = string> = MetricDef<'counter', L>;
export type HistogramDef<L extends string = string> = MetricDef<'histogram', L>;
export type GaugeDef<L extends string = string> = MetricDef<'gauge', L>;
export type UpDownDef<L extends string = string> = MetricDef<'updown', L>;
