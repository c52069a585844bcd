import { parse } from 'yaml';
import { renderCatalogYaml } from './catalog-yaml.ts';
import { type ConfigMap, mergeConfigs, readConfig } from './compose.ts';

/** The pinned contrib version, image and the chart release the values were written against. */
export const COLLECTOR_VERSION = '0.161.0';
export const COLLECTOR_IMAGE = 'otel/opentelemetry-collector-contrib';
export const HELM_CHART_VERSION = '0.170.0';

/**
 * The chart's default config has Jaeger, Zipkin and a self-scrape receiver, a debug exporter and
 * trace/log pipelines; Helm values merge like collector configs, and `null` removes a default.
 */
const CHART_DEFAULTS_REMOVED: ConfigMap = {
  receivers: { jaeger: null, zipkin: null, prometheus: null },
  exporters: { debug: null },
  service: { pipelines: { traces: null, logs: null } },
};

/** The collector config the chart should run: base, catalog and the remote-write overlay. */
export function gatewayConfig(): ConfigMap {
  const catalog = parse(renderCatalogYaml()) as ConfigMap;
  return [readConfig('base.yaml'), catalog, readConfig('exporters/remote-write.yaml')].reduce(
    mergeConfigs,
    {},
  );
}

/** Values for the official `opentelemetry-collector` Helm chart: a remote-writing gateway. */
export function helmValues(): ConfigMap {
  return {
    mode: 'deployment',
    image: { repository: COLLECTOR_IMAGE, tag: COLLECTOR_VERSION },
    command: { name: 'otelcol-contrib' },
    replicaCount: 2,
    autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 70 },
    podDisruptionBudget: { enabled: true, minAvailable: 1 },
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    // The restricted Pod Security Standard, as deploy/kubernetes/collector runs the same image.
    podSecurityContext: {
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    extraEnvs: [
      {
        name: 'BIZMETRICS_COLLECTOR_TOKEN',
        valueFrom: { secretKeyRef: { name: 'bizmetrics-collector', key: 'token' } },
      },
      {
        name: 'BIZMETRICS_REMOTE_WRITE_ENDPOINT',
        valueFrom: {
          configMapKeyRef: { name: 'bizmetrics-collector-env', key: 'BIZMETRICS_REMOTE_WRITE_ENDPOINT' },
        },
      },
    ],
    ports: {
      'jaeger-compact': { enabled: false },
      'jaeger-thrift': { enabled: false },
      'jaeger-grpc': { enabled: false },
      zipkin: { enabled: false },
      'otlp-external': { enabled: true, containerPort: 4320, servicePort: 4320, protocol: 'TCP' },
      metrics: { enabled: true },
    },
    config: mergeConfigs(CHART_DEFAULTS_REMOVED, gatewayConfig()),
  };
}
