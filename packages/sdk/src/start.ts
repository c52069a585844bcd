import {
  type BizMetrics,
  type Catalog,
  createBizMetrics,
  selfCatalog,
  standardCatalog,
} from '@bizmetrics/core';
import { type MeterProvider as ApiMeterProvider, createNoopMeter, metrics } from '@opentelemetry/api';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { type IMetricReader, MeterProvider } from '@opentelemetry/sdk-metrics';
import { type ConfigOverrides, resolveConfig, type SdkConfig } from './config/config.ts';
import type { Env } from './config/env-reader.ts';
import { createReaders } from './export/readers.ts';
import { catalogViews } from './export/views.ts';
import { onTerminationSignals } from './lifecycle/signals.ts';

/** Options for {@link startBizMetrics}; each overrides the matching OTEL_* variable. */
export interface StartOptions extends ConfigOverrides {
  /** `production` (default): bad input is dropped and counted; `strict`: it throws. */
  readonly mode?: 'production' | 'strict';
  /** Your own metric definitions, so the SDK applies their series limits. */
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
  /** Exports what is pending now (push exporters). */
  forceFlush(): Promise<void>;
  /** Flushes and stops exporters; safe to call more than once. */
  shutdown(): Promise<void>;
}

const SCOPE = '@bizmetrics/sdk';

/**
 * Starts bizmetrics in a Node service. Configuration errors throw here, at start-up, naming the
 * variable; after that no call of the returned handle throws in production mode.
 */
export function startBizMetrics(options: StartOptions = {}): BizMetricsHandle {
  const env = options.env ?? process.env;
  const config = resolveConfig(env, options);
  const log = options.log ?? ((message: string) => console.warn(message));
  const mode = options.mode ?? 'production';

  if (config.disabled) {
    const biz = createBizMetrics({ meter: createNoopMeter(), mode, log });
    const noop = async () => {};
    return {
      ...biz,
      meterProvider: metrics.getMeterProvider(),
      ownsProvider: false,
      prometheusUrl: undefined,
      config,
      forceFlush: noop,
      shutdown: noop,
    };
  }

  const existing = options.meterProvider ?? registeredGlobalProvider();
  const built = existing ? undefined : buildProvider(config, options, log);
  const meterProvider = existing ?? built!.provider;
  if (built && options.registerGlobal) metrics.setGlobalMeterProvider(built.provider);
  const biz = createBizMetrics({ meter: meterProvider.getMeter(SCOPE), mode, log });

  const flushProvider = async () => {
    await (meterProvider as { forceFlush?: () => Promise<void> }).forceFlush?.();
  };
  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= (async () => {
      removeSignals();
      if (built) await built.provider.shutdown();
      else await flushProvider();
    })().catch((error: unknown) => log(`bizmetrics: shutdown failed: ${String(error)}`));
    return stopping;
  };
  const removeSignals =
    options.handleSignals === false ? () => {} : onTerminationSignals(shutdown, config.exportTimeoutMillis);

  return {
    ...biz,
    meterProvider,
    ownsProvider: Boolean(built),
    prometheusUrl: built?.prometheusUrl,
    config,
    forceFlush: () =>
      flushProvider().catch((error: unknown) => log(`bizmetrics: flush failed: ${String(error)}`)),
    shutdown,
  };
}

/** The application's global MeterProvider, when one is registered (not the API's no-op). */
function registeredGlobalProvider(): ApiMeterProvider | undefined {
  const provider = metrics.getMeterProvider();
  return provider.getMeter(SCOPE) === createNoopMeter() ? undefined : provider;
}

function buildProvider(config: SdkConfig, options: StartOptions, log: (m: string) => void) {
  const { readers, prometheusUrl } = createReaders(config, log);
  const attributes: Record<string, string> = { ...config.resourceAttributes };
  if (config.serviceName) attributes['service.name'] = config.serviceName;
  const provider = new MeterProvider({
    resource: defaultResource().merge(resourceFromAttributes(attributes)),
    readers: [...readers, ...(options.readers ?? [])],
    views: catalogViews([standardCatalog, selfCatalog, ...(options.catalog ? [options.catalog] : [])]),
  });
  return { provider, prometheusUrl };
}
