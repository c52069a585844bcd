// `@bizmetrics/core/catalog`: defining your own metrics and the catalog's building blocks (label sets, currencies, order-value buckets).

export { currencyCodes, currencyExponent, isCurrencyCode } from './catalog/currencies.ts';
export { FORBIDDEN_LABEL_KEYS, UNIT_WORDS } from './catalog/define.ts';
export type {
  GaugeDef,
  HistogramDef,
  LabelKeys,
  LabelSpec,
  LabelValue,
  MetricKind,
  MetricSpec,
  UpDownDef,
} from './catalog/metric.ts';
export {
  CurrencyConfigError,
  ORDER_VALUE_MAJOR_BOUNDARIES,
  orderValueBuckets,
  orderValueMetric,
} from './catalog/order-value.ts';
export { ACTIVE_USER_WINDOWS, DEVICE_TYPES, selfCatalog, USER_TIERS } from './catalog/standard.ts';
