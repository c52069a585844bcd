// `@bizmetrics/local-stack/support`: the pieces behind the starters: locating binaries, stopping processes, generated configs and checks, query result types.

export { defaultAlertmanagerConfig } from './alertmanager.ts';
export { findStackBin, STACK_BIN, type StackTool, stackAvailable } from './binaries.ts';
export {
  type CollectorOverlay,
  collectorBuildInfo,
  collectorStartupWarnings,
  validateCollectorConfig,
} from './collector.ts';
export { isAlive, removeDir, stopPid } from './process.ts';
export {
  checkPrometheusConfig,
  OTLP_RECEIVER_CONFIG,
  prometheusConfig,
  type ScrapeJob,
} from './prometheus.ts';
export type { MatrixSample, VectorSample } from './query.ts';
export type { TestCertificates } from './tls.ts';
export type { VictoriaMetricsOptions } from './victoria-metrics.ts';
export type { VmalertOptions } from './vmalert.ts';
