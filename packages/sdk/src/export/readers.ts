import { OTLPMetricExporter as GrpcExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
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
import type { OtlpConfig, SdkConfig, Temporality } from '../config/config.ts';
import { withFailureLog } from './failure-log.ts';

/** The readers the configuration asks for, and the Prometheus URL when it serves one. */
export interface Readers {
  readonly readers: IMetricReader[];
  readonly prometheusUrl: string | undefined;
}

const TEMPORALITY: Record<Temporality, AggregationTemporalityPreference> = {
  cumulative: AggregationTemporalityPreference.CUMULATIVE,
  delta: AggregationTemporalityPreference.DELTA,
  lowmemory: AggregationTemporalityPreference.LOWMEMORY,
};

/** Builds one reader per configured exporter. */
export function createReaders(config: SdkConfig, log: (message: string) => void): Readers {
  const readers: IMetricReader[] = [];
  let prometheusUrl: string | undefined;
  for (const name of config.exporters) {
    if (name === 'prometheus') {
      const { host, port } = config.prometheus;
      // The OTel exporter binds all interfaces unless told; the spec's default host is localhost.
      readers.push(
        new PrometheusExporter({ host, port }, (error) => {
          if (error) log(`bizmetrics: Prometheus endpoint ${host}:${port} could not start: ${String(error)}`);
        }),
      );
      prometheusUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}/metrics`;
    } else {
      const exporter =
        name === 'otlp'
          ? withFailureLog(otlpExporter(config.otlp), { target: config.otlp.url, log })
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
  return { readers, prometheusUrl };
}

function otlpExporter(otlp: OtlpConfig): PushMetricExporter {
  const options = {
    url: otlp.url,
    headers: { ...otlp.headers },
    timeoutMillis: otlp.timeoutMillis,
    temporalityPreference: TEMPORALITY[otlp.temporality],
  };
  if (otlp.protocol === 'grpc') return new GrpcExporter(options);
  if (otlp.protocol === 'http/json') return new JsonExporter(options);
  return new ProtoExporter(options);
}
