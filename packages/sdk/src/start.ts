import { type BizMetrics, type Catalog, createBizMetrics } from '@bizmetrics/core';
import { type MeterProvider as ApiMeterProvider, metrics } from '@opentelemetry/api';
import type { IMetricReader } from '@opentelemetry/sdk-metrics';
import { type ConfigOverrides, resolveConfig, type SdkConfig } from './config/config.ts';
import type { Env } from './config/env-reader.ts';
import { sdkSelfCatalog } from './export/self-metrics.ts';
import { onTerminationSignals, withTimeout } from './lifecycle/signals.ts';
import { type BuiltProvider, buildProvider } from './provider/build.ts';
import { noopMeterProvider, registeredGlobalProvider } from './provider/global.ts';

/** Options for {@link startBizMetrics}; each overrides the matching OTEL_* variable. */
export interface StartOptions extends ConfigOverrides {
  /** `production` (default): bad input is dropped and counted; `strict`: it throws. */
  readonly mode?: 'production' | 'strict';
  /** Your own metric definitions, so the SDK applies their series limits and buckets. */
  readonly catalog?: Catalog;
  /** Flush on SIGTERM/SIGINT (default true). */
  readonly handleSignals?: boolean;
  /** Use this provider instead of the global one or a new one. */
  readonly meterProvider?: ApiMeterProvider;
  /** Extra readers for a provider the SDK builds (e.g. an in-memory reader in tests). */
  readonly readers?: readonly IMetricReader[];
  /** Register the provider the SDK builds as the global MeterProvider (default false). */
  readonly registerGlobal?: boolean;
  /** Environment to read instead of `process.env`. */
  readonly env?: Env;
  /** Where diagnostics go (default `console.warn`). */
  readonly log?: (message: string) => void;
}

/** The running SDK: the business API plus lifecycle. */
export interface BizMetricsHandle extends BizMetrics {
  /** The provider in use: the application's global one, or the one the SDK built. */
  readonly meterProvider: ApiMeterProvider;
  /** True when the SDK built (and so owns and shuts down) its provider. */
  readonly ownsProvider: boolean;
  /** `http://host:port/metrics` when the Prometheus exporter is on. */
  readonly prometheusUrl: string | undefined;
  readonly config: SdkConfig;
  /** Settles once the Prometheus endpoint listens (or failed to, which is logged); never rejects. */
  ready(): Promise<void>;
  /** Exports what is pending now (push exporters); never rejects. */
  forceFlush(): Promise<void>;
  /** Flushes and stops exporters within the shutdown timeout; safe to call more than once. */
  shutdown(): Promise<void>;
}

const SCOPE = '@bizmetrics/sdk';

/**
 * Starts bizmetrics in a Node service. Configuration errors throw here, at start-up, naming the
 * variable; after that no call of the returned handle throws in production mode.
 */
export function startBizMetrics(options: StartOptions = {}): BizMetricsHandle {
  const config = resolveConfig(options.env ?? process.env, options);
  const log = options.log ?? ((message: string) => console.warn(message));
  const mode = options.mode ?? 'production';
  if (config.disabled) return disabledHandle(config, mode, log);

  let countFailure = () => {};
  const existing = options.meterProvider ?? registeredGlobalProvider(SCOPE);
  const built: BuiltProvider | undefined = existing
    ? undefined
    : buildProvider(
        config,
        { log, onExportFailure: () => countFailure() },
        options.readers ?? [],
        options.catalog,
        SCOPE,
      );
  const meterProvider = existing ?? built!.provider;
  if (existing && (options.exporters || options.prometheus || options.otlp || options.readers))
    log(
      "bizmetrics: recording on the application's MeterProvider; its readers export, so exporter options are ignored",
    );
  if (built && options.registerGlobal) metrics.setGlobalMeterProvider(built.provider);
  const biz = createBizMetrics({
    meter: meterProvider.getMeter(SCOPE),
    mode,
    log,
    currency: config.currency,
    ...(built?.aggregation && { aggregation: built.aggregation }),
  });
  const failures = biz.counter(sdkSelfCatalog.exportFailures);
  countFailure = () => failures.add(1, { exporter: 'otlp' });

  const report = (what: string) => (error: unknown) => log(`bizmetrics: ${what} failed: ${String(error)}`);
  const flush = () => {
    const provider = meterProvider as { forceFlush?: (o?: { timeoutMillis?: number }) => Promise<void> };
    return withTimeout(
      Promise.resolve(provider.forceFlush?.({ timeoutMillis: config.exportTimeoutMillis })).catch(
        report('flush'),
      ),
      config.exportTimeoutMillis,
    );
  };
  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= (async () => {
      removeSignals();
      const ms = config.shutdownTimeoutMillis;
      // An application's own provider is the application's to shut down: we only flush it.
      const done = built ? built.provider.shutdown({ timeoutMillis: ms }) : flush();
      await withTimeout(done.catch(report('shutdown')), ms);
    })();
    return stopping;
  };
  const removeSignals =
    options.handleSignals === false ? () => {} : onTerminationSignals(shutdown, config.shutdownTimeoutMillis);

  return {
    ...biz,
    meterProvider,
    ownsProvider: Boolean(built),
    prometheusUrl: built?.prometheusUrl,
    config,
    ready: () => built?.ready ?? Promise.resolve(),
    forceFlush: flush,
    shutdown,
  };
}

/** OTEL_SDK_DISABLED=true: the whole API works and records nothing, with no exporter and no listener. */
function disabledHandle(
  config: SdkConfig,
  mode: 'production' | 'strict',
  log: (message: string) => void,
): BizMetricsHandle {
  const biz = createBizMetrics({ meter: noopMeterProvider.getMeter(SCOPE), mode, log });
  const done = async () => {};
  return {
    ...biz,
    meterProvider: noopMeterProvider,
    ownsProvider: false,
    prometheusUrl: undefined,
    config,
    ready: done,
    forceFlush: done,
    shutdown: done,
  };
}
