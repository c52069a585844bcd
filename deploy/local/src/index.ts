export { type AlertmanagerOptions, defaultAlertmanagerConfig, startAlertmanager } from './alertmanager.ts';
export { findStackBin, REPO_ROOT, STACK_BIN, type StackTool, stackAvailable, stackBin } from './binaries.ts';
export {
  type CollectorOptions,
  type CollectorOverlay,
  collectorBuildInfo,
  collectorConfigFiles,
  collectorStartupWarnings,
  type RunningCollector,
  startCollector,
  validateCollectorConfig,
} from './collector.ts';
export { freePort, isAlive, type RunningServer, removeDir, stopPid } from './process.ts';
export {
  checkPrometheusConfig,
  OTLP_RECEIVER_CONFIG,
  type PrometheusOptions,
  prometheusConfig,
  type RunningPrometheus,
  type ScrapeJob,
  startPrometheus,
} from './prometheus.ts';
export { eventually, type MatrixSample, queryInstant, queryRange, type VectorSample } from './query.ts';
export { makeTestCertificates, type TestCertificates } from './tls.ts';
export {
  type RunningVictoriaMetrics,
  startVictoriaMetrics,
  type VictoriaMetricsOptions,
} from './victoria-metrics.ts';
export { startVmalert, type VmalertOptions } from './vmalert.ts';
