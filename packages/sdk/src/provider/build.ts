import { type Catalog, selfCatalog, standardCatalog } from '@bizmetrics/core';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { type IMetricReader, MeterProvider } from '@opentelemetry/sdk-metrics';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { SdkConfig } from '../config/config.ts';
import { createReaders, type ReaderHooks } from '../export/readers.ts';
import { sdkSelfCatalog } from '../export/self-metrics.ts';
import { catalogViews } from './views.ts';

/** A MeterProvider the SDK built and owns, with what its readers expose. */
export interface BuiltProvider {
  readonly provider: MeterProvider;
  readonly prometheusUrl: string | undefined;
  readonly ready: Promise<void>;
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
): BuiltProvider {
  const { readers, prometheusUrl, ready } = createReaders(config, hooks);
  const attributes: Record<string, string> = { ...config.resourceAttributes };
  if (config.serviceName) attributes[ATTR_SERVICE_NAME] = config.serviceName;
  const catalogs = [standardCatalog, selfCatalog, sdkSelfCatalog, ...(userCatalog ? [userCatalog] : [])];
  const provider = new MeterProvider({
    resource: defaultResource().merge(resourceFromAttributes(attributes)),
    readers: [...readers, ...extraReaders],
    views: catalogViews(catalogs),
  });
  return { provider, prometheusUrl, ready };
}
