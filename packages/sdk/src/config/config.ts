import { createEnvReader, type Env } from './env-reader.ts';
import { BizMetricsConfigError } from './errors.ts';

export const EXPORTERS = ['prometheus', 'otlp', 'console', 'none'] as const;
export const PROTOCOLS = ['http/protobuf', 'http/json', 'grpc'] as const;
export const TEMPORALITIES = ['cumulative', 'delta', 'lowmemory'] as const;

export type ExporterName = Exclude<(typeof EXPORTERS)[number], 'none'>;
export type OtlpProtocol = (typeof PROTOCOLS)[number];
export type Temporality = (typeof TEMPORALITIES)[number];

/** OTLP exporter settings, resolved. */
export interface OtlpConfig {
  readonly url: string;
  readonly protocol: OtlpProtocol;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMillis: number;
  readonly temporality: Temporality;
}

/** Everything the SDK needs to build its pipeline, from code options over environment variables. */
export interface SdkConfig {
  readonly disabled: boolean;
  readonly exporters: readonly ExporterName[];
  readonly prometheus: { readonly host: string; readonly port: number };
  readonly otlp: OtlpConfig;
  readonly exportIntervalMillis: number;
  readonly exportTimeoutMillis: number;
  readonly serviceName: string | undefined;
  readonly resourceAttributes: Readonly<Record<string, string>>;
}

/** Code options that override the environment (all optional). */
export interface ConfigOverrides {
  readonly exporters?: readonly (ExporterName | 'none')[];
  readonly prometheus?: { readonly host?: string; readonly port?: number };
  readonly otlp?: Partial<OtlpConfig>;
  readonly exportIntervalMillis?: number;
  readonly exportTimeoutMillis?: number;
  readonly serviceName?: string;
  readonly resourceAttributes?: Readonly<Record<string, string>>;
  readonly disabled?: boolean;
}

const MAX_MS = 24 * 3600 * 1000;

/**
 * Resolves the configuration: code options first, then the OpenTelemetry specification's
 * environment variables, then the spec's defaults — except the exporter, which defaults to
 * `prometheus` so that a service works with no backend at all. Throws BizMetricsConfigError for
 * any invalid value, naming the variable and the accepted values.
 */
export function resolveConfig(env: Env, overrides: ConfigOverrides = {}): SdkConfig {
  const read = createEnvReader(env);
  const disabled = overrides.disabled ?? read.boolean('OTEL_SDK_DISABLED', false);
  const exporters = (
    overrides.exporters ?? read.listOf('OTEL_METRICS_EXPORTER', EXPORTERS, ['prometheus'])
  ).filter((e): e is ExporterName => e !== 'none');
  const interval =
    overrides.exportIntervalMillis ?? read.integer('OTEL_METRIC_EXPORT_INTERVAL', 60_000, 1, MAX_MS);
  const timeoutSet =
    overrides.exportTimeoutMillis ?? read.integer('OTEL_METRIC_EXPORT_TIMEOUT', 0, 1, MAX_MS);
  if (timeoutSet > interval)
    throw new BizMetricsConfigError(
      'OTEL_METRIC_EXPORT_TIMEOUT',
      String(timeoutSet),
      `at most OTEL_METRIC_EXPORT_INTERVAL (${interval} ms)`,
    );
  return {
    disabled,
    exporters,
    prometheus: {
      host: overrides.prometheus?.host ?? read.string('OTEL_EXPORTER_PROMETHEUS_HOST') ?? 'localhost',
      port: overrides.prometheus?.port ?? read.integer('OTEL_EXPORTER_PROMETHEUS_PORT', 9464, 1, 65535),
    },
    otlp: resolveOtlp(read, overrides.otlp ?? {}),
    exportIntervalMillis: interval,
    exportTimeoutMillis: timeoutSet || Math.min(30_000, interval),
    serviceName: overrides.serviceName ?? read.string('OTEL_SERVICE_NAME'),
    resourceAttributes: { ...read.keyPairs('OTEL_RESOURCE_ATTRIBUTES'), ...overrides.resourceAttributes },
  };
}

function resolveOtlp(read: ReturnType<typeof createEnvReader>, o: Partial<OtlpConfig>): OtlpConfig {
  const protocolVar = read.string('OTEL_EXPORTER_OTLP_METRICS_PROTOCOL')
    ? 'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL'
    : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const protocol = o.protocol ?? read.oneOf(protocolVar, PROTOCOLS, 'http/protobuf');
  const headersVar = read.string('OTEL_EXPORTER_OTLP_METRICS_HEADERS')
    ? 'OTEL_EXPORTER_OTLP_METRICS_HEADERS'
    : 'OTEL_EXPORTER_OTLP_HEADERS';
  const timeoutVar = read.string('OTEL_EXPORTER_OTLP_METRICS_TIMEOUT')
    ? 'OTEL_EXPORTER_OTLP_METRICS_TIMEOUT'
    : 'OTEL_EXPORTER_OTLP_TIMEOUT';
  return {
    url: o.url ?? endpoint(read, protocol),
    protocol,
    headers: o.headers ?? read.keyPairs(headersVar),
    timeoutMillis: o.timeoutMillis ?? read.integer(timeoutVar, 10_000, 1, MAX_MS),
    temporality:
      o.temporality ??
      read.oneOf('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', TEMPORALITIES, 'cumulative'),
  };
}

/** The spec's endpoint rules: the signal variable is used as is; the generic one gets `v1/metrics`. */
function endpoint(read: ReturnType<typeof createEnvReader>, protocol: OtlpProtocol): string {
  const grpc = protocol === 'grpc';
  const signal = read.string('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT');
  if (signal) {
    read.url('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT', signal);
    return signal;
  }
  const base = read.string('OTEL_EXPORTER_OTLP_ENDPOINT');
  if (!base) return grpc ? 'http://localhost:4317' : 'http://localhost:4318/v1/metrics';
  const url = read.url('OTEL_EXPORTER_OTLP_ENDPOINT', base);
  if (grpc) return url.href;
  return `${url.href.replace(/\/$/, '')}/v1/metrics`;
}
