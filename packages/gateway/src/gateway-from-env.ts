import { type BizMetricsHandle, type Env, startBizMetrics } from '@bizmetrics/sdk';
import { type Gateway, startGateway } from './gateway.ts';
import { gatewayConfigFromEnv } from './gateway-env.ts';

/** A standalone gateway with the SDK behind it. */
export interface RunningGateway {
  readonly gateway: Gateway;
  /** The SDK the gateway sums into; its exporters come from `OTEL_*`. */
  readonly metrics: BizMetricsHandle;
  /** Stops accepting batches, then flushes and stops the exporters. */
  close(): Promise<void>;
}

/**
 * The standalone gateway configured by environment alone: `BIZMETRICS_GATEWAY_*` for listening,
 * origins, body and rate limits, and the standard `OTEL_*` variables (through `startBizMetrics`) for
 * where the summed metrics go — a Prometheus scrape endpoint, OTLP push, or both. Bad values throw
 * here, naming the variable, before anything listens.
 */
export async function startGatewayFromEnv(
  options: { readonly env?: Env; readonly log?: (message: string) => void } = {},
): Promise<RunningGateway> {
  const env = options.env ?? process.env;
  const config = gatewayConfigFromEnv(env);
  const metrics = startBizMetrics({ env, log: options.log, handleSignals: false });
  let gateway: Gateway;
  try {
    await metrics.ready();
    gateway = await startGateway({ ...config, metrics });
  } catch (error) {
    await metrics.shutdown();
    throw error;
  }
  return {
    gateway,
    metrics,
    close: async () => {
      await gateway.close();
      await metrics.shutdown();
    },
  };
}
