export { type AlertmanagerOptions, startAlertmanager } from './alertmanager.ts';
export { REPO_ROOT, stackBin } from './binaries.ts';
export {
  type CollectorOptions,
  collectorConfigFiles,
  type RunningCollector,
  startCollector,
} from './collector.ts';
export { freePort, type RunningServer } from './process.ts';
export { type PrometheusOptions, type RunningPrometheus, startPrometheus } from './prometheus.ts';
export { eventually, queryInstant, queryRange } from './query.ts';
export { makeTestCertificates } from './tls.ts';
export { type RunningVictoriaMetrics, startVictoriaMetrics } from './victoria-metrics.ts';
export { startVmalert } from './vmalert.ts';
