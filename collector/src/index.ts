export {
  BUSINESS_PREFIX,
  type CatalogFilter,
  type CatalogTransform,
  catalogFilter,
  catalogTransform,
  type DatapointGroup,
  type MetricGroup,
  metricAggregation,
  metricStatements,
  type StatementGroup,
} from './catalog-transform.ts';
export { renderCatalogYaml } from './catalog-yaml.ts';
export {
  BASE_FILES,
  type Backend,
  COLLECTOR_DIR,
  type ConfigMap,
  composeFiles,
  configFiles,
  EXPORTER_OVERLAYS,
  envReferences,
  mergeConfigs,
  readConfig,
} from './compose.ts';
export { type GeneratedFile, generatedFiles, HELM_VALUES_PATH, KUSTOMIZE_CONFIG_DIR } from './generate.ts';
export {
  COLLECTOR_IMAGE,
  COLLECTOR_VERSION,
  gatewayConfig,
  HELM_CHART_VERSION,
  helmValues,
} from './helm-values.ts';
export { collectorPromName, type EscapingStrategy, type OtlpMetricType } from './prom-naming.ts';
export { seriesBudget, totalSeriesBudget } from './series-budget.ts';
