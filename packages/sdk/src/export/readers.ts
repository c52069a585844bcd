import {
  AggregationTemporalityPreference,
  OTLPMetricExporter as JsonExporter,
} from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import {
  ConsoleMetricExporter,
  type IMetricReader,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import { loadTls, type OtlpConfig, type SdkConfig, type Temporality } from '../config/config.ts';
import { withFailureLog } from './failure-log.ts';
import { lazyGrpcExporter } from './grpc-exporter.ts';

/** The readers the configuration asks for, and the Prometheus URL when it serves one. */
export interface Readers {
  readonly readers: IMetricReader[];
  readonly prometheusUrl: string | undefined;
  /** Settles when the Prometheus endpoint listens or failed to (logged); at once without one. */
  readonly ready: Promise<void>;
}

/** Hooks the readers report to. */
export interface ReaderHooks {
  readonly log: (message: string) => void;
  /** One failed push export. */
  readonly onExportFailure: () => void;
}

const TEMPORALITY: Record<Temporality, AggregationTemporalityPreference> = {
  cumulative: AggregationTemporalityPreference.CUMULATIVE,
  delta: AggregationTemporalityPreference.DELTA,
  lowmemory: AggregationTemporalityPreference.LOWMEMORY,
};

/** Builds one reader per configured exporter. */
export function createReaders(config: SdkConfig, hooks: ReaderHooks): Readers {
  const { log } = hooks;
  const readers: IMetricReader[] = [];
  let prometheusUrl: string | undefined;
  let ready = Promise.resolve();
  for (const name of config.exporters) {
    if (name === 'prometheus') {
      const { host, port } = config.prometheus;
      // Always passed explicitly: the spec's default host is localhost, and the exporter's own
      // default has changed between releases (sdk-node's binds every interface).
      ready = new Promise((resolve) => {
        readers.push(
          new PrometheusExporter({ host, port }, (error) => {
            if (error)
              log(`bizmetrics: Prometheus endpoint ${host}:${port} could not start: ${String(error)}`);
            resolve();
          }),
        );
      });
      prometheusUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}/metrics`;
    } else {
      const exporter =
        name === 'otlp'
          ? withFailureLog(otlpExporter(config.otlp), {
              target: config.otlp.endpoint,
              log,
              onFailure: hooks.onExportFailure,
            })
          : new ConsoleMetricExporter();
      readers.push(
        new PeriodicExportingMetricReader({
          exporter,
          exportIntervalMillis: config.exportIntervalMillis,
          exportTimeoutMillis: config.exportTimeoutMillis,
        }),
      );
    }
  }
  return { readers, prometheusUrl, ready };
}

/** The exporters' compression option (an enum of the strings `gzip` and `none`). */
type CompressionOption = NonNullable<ConstructorParameters<typeof ProtoExporter>[0]>['compression'];

/**
 * The exporter package matching the protocol. Everything the configuration resolved is passed
 * explicitly — headers, compression and TLS too — so the packages' own reading of `process.env`
 * never differs from what the SDK read (its `env` option, its checks at start-up).
 */
function otlpExporter(otlp: OtlpConfig): PushMetricExporter {
  const { ca, cert, key } = loadTls(otlp.tls);
  const options = {
    url: otlp.endpoint,
    timeoutMillis: otlp.timeoutMillis,
    temporalityPreference: TEMPORALITY[otlp.temporality],
    compression: otlp.compression as CompressionOption,
  };
  // Loaded on first export: @grpc/grpc-js (and its node:http2) stays out of services that do not use it.
  if (otlp.protocol === 'grpc') return lazyGrpcExporter(otlp, options, { ca, cert, key });
  // The agent options apply to https:// only; the package drops ca/cert/key for http://.
  const http = {
    ...options,
    headers: { ...otlp.headers },
    httpAgentOptions: { keepAlive: true, ...(ca && { ca }), ...(cert && key && { cert, key }) },
  };
  return otlp.protocol === 'http/json' ? new JsonExporter(http) : new ProtoExporter(http);
}
