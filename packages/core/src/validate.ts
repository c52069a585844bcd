// `@bizmetrics/core/validate`: the label rules alone, without the business API or OpenTelemetry,
// for the browser SDK (bundle size) and the gateway (the same rules on what arrives).
export type { LabelSpec, MetricDef } from './catalog/metric.ts';
export {
  type AllowLists,
  checkPointLabels,
  DEFAULT_LABEL_MAX_LENGTH,
  hasControlCharacter,
  type LabelKeyRejection,
  type LabelValueFinding,
  type LabelVerdict,
  labelKeyRejection,
  labelValueFinding,
  type MappedLabel,
} from './guards/label-rules.ts';
export { OTHER } from './guards/labels.ts';
