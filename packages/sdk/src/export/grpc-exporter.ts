import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import {
  CumulativeTemporalitySelector,
  DeltaTemporalitySelector,
  LowMemoryTemporalitySelector,
} from '@opentelemetry/exporter-metrics-otlp-http';
import type {
  AggregationTemporalitySelector,
  PushMetricExporter,
  ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import type { OtlpConfig } from '../config/config.ts';

/** TLS material for the channel credentials, as `loadTls` read it. */
export interface GrpcTls {
  readonly ca?: Buffer | undefined;
  readonly cert?: Buffer | undefined;
  readonly key?: Buffer | undefined;
}

const SELECTORS: Record<OtlpConfig['temporality'], AggregationTemporalitySelector> = {
  cumulative: CumulativeTemporalitySelector,
  delta: DeltaTemporalitySelector,
  lowmemory: LowMemoryTemporalitySelector,
};

/**
 * The OTLP/gRPC exporter, loaded on its first export. `@grpc/grpc-js` brings `@grpc/proto-loader`
 * and protobufjs with it; loaded eagerly they would be in every service that records metrics, even
 * one that exports http/protobuf or only serves /metrics. The temporality selector is the one the
 * gRPC exporter itself would use for the preference, so the reader sees no difference.
 */
export function lazyGrpcExporter(
  otlp: OtlpConfig,
  options: Record<string, unknown>,
  tls: GrpcTls,
): PushMetricExporter {
  let loading: Promise<PushMetricExporter> | undefined;
  const load = () => {
    loading ??= (async () => {
      const [{ OTLPMetricExporter }, base] = await Promise.all([
        import('@opentelemetry/exporter-metrics-otlp-grpc'),
        import('@opentelemetry/otlp-grpc-exporter-base'),
      ]);
      // gRPC takes metadata, not headers, and TLS as channel credentials: the endpoint's scheme
      // decides, as the spec says (https: TLS with the given CA and client certificate, http: plain).
      const metadata = base.createEmptyMetadata();
      for (const [name, value] of Object.entries(otlp.headers)) metadata.set(name, value);
      const credentials = otlp.endpoint.startsWith('https:')
        ? base.createSslCredentials(tls.ca, tls.key, tls.cert)
        : base.createInsecureCredentials();
      return new OTLPMetricExporter({ ...options, metadata, credentials });
    })();
    return loading;
  };
  return {
    export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void) {
      load().then(
        (exporter) => exporter.export(metrics, resultCallback),
        (error: unknown) =>
          resultCallback({
            code: ExportResultCode.FAILED,
            error: error instanceof Error ? error : new Error(String(error)),
          }),
      );
    },
    selectAggregationTemporality: SELECTORS[otlp.temporality],
    forceFlush: async () => {
      if (loading) await (await loading).forceFlush();
    },
    shutdown: async () => {
      if (loading) await (await loading).shutdown();
    },
  };
}
