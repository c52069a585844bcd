import { createNoopMeter, type MeterProvider, metrics } from '@opentelemetry/api';

/**
 * The application's global MeterProvider (for example from `@opentelemetry/sdk-node`), or
 * undefined when only the API's no-op provider is there. The metrics API has no proxy provider:
 * without a registration it hands out its no-op provider, whose meters are the no-op meter. A
 * no-op provider registered through another copy of the API is recognised by its class name.
 */
export function registeredGlobalProvider(scope: string): MeterProvider | undefined {
  const provider = metrics.getMeterProvider();
  const meter = provider.getMeter(scope);
  const noop = meter === createNoopMeter() || meter.constructor?.name === 'NoopMeter';
  return noop ? undefined : provider;
}

/** A provider whose meters record nothing (OTEL_SDK_DISABLED=true). */
export const noopMeterProvider: MeterProvider = { getMeter: () => createNoopMeter() };
