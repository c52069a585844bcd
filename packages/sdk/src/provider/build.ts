import { type Catalog, standardCatalog } from '@bizmetrics/core';
import {
  createOwnedAggregation,
  type OwnedAggregation,
  ownAggregationOf,
} from '@bizmetrics/core/aggregation';
import { orderValueMetric, selfCatalog } from '@bizmetrics/core/catalog';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { type IMetricReader, MeterProvider } from '@opentelemetry/sdk-metrics';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { SdkConfig } from '../config/config.ts';
import { attachOwnedProducers } from '../export/owned-producer.ts';
import { createReaders, type ReaderHooks } from '../export/readers.ts';
import { sdkSelfCatalog } from '../export/self-metrics.ts';
import { catalogViews } from './views.ts';

/** A MeterProvider the SDK built and owns, with what its readers expose. */
export interface BuiltProvider {
  readonly provider: MeterProvider;
  readonly prometheusUrl: string | undefined;
  readonly ready: Promise<void>;
  /**
   * Core's own sums and histograms, exported through a producer on every reader; undefined when a
   * reader could not take one (then core records through instruments).
   */
  readonly aggregation: OwnedAggregation | undefined;
}

/**
 * Builds the SDK's own MeterProvider: readers from the configured exporters plus `extraReaders`,
 * the resource (SDK defaults, then OTEL_RESOURCE_ATTRIBUTES, then OTEL_SERVICE_NAME, as the spec
 * orders them) and one view per catalog metric.
 */
export function buildProvider(
  config: SdkConfig,
  hooks: ReaderHooks,
  extraReaders: readonly IMetricReader[],
  userCatalog: Catalog | undefined,
  scope: string,
): BuiltProvider {
  const { readers, prometheusUrl, ready } = createReaders(config, hooks);
  const attributes: Record<string, string> = { ...config.resourceAttributes };
  if (config.serviceName) attributes[ATTR_SERVICE_NAME] = config.serviceName;
  // The order-value buckets follow the configured currency's minor-unit exponent.
  const standard = {
    ...standardCatalog,
    orderValue: orderValueMetric(config.currency, 'BIZMETRICS_CURRENCY'),
  };
  const catalogs = [standard, selfCatalog, sdkSelfCatalog, ...(userCatalog ? [userCatalog] : [])];
  const all = [...readers, ...extraReaders];
  // Recording is a trie walk and an addition into core's aggregation; readers collect it with the
  // SDK's own data (catalog views still bound anything recorded through plain instruments).
  const owned = createOwnedAggregation();
  const aggregation = attachOwnedProducers(all, owned, { name: scope }) ? owned : undefined;
  const provider = new MeterProvider({
    resource: defaultResource().merge(resourceFromAttributes(attributes)),
    readers: all,
    views: catalogViews(catalogs),
  });
  // Any business API on the SDK's meter records into the exported aggregation (the gateway's too).
  if (aggregation) ownAggregationOf(provider.getMeter(scope), aggregation);
  return { provider, prometheusUrl, ready, aggregation };
}
