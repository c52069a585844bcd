export { BROWSER_METRICS, type BrowserMetric } from './browser-catalog.ts';
export { type AllowedOrigins, INGEST_KEY_HEADER } from './cors.ts';
export { type Gateway, type GatewayOptions, startGateway } from './gateway.ts';
export {
  GATEWAY_ENV,
  GatewayConfigError,
  type GatewayEnvConfig,
  gatewayConfigFromEnv,
} from './gateway-env.ts';
export { type RunningGateway, startGatewayFromEnv } from './gateway-from-env.ts';
export {
  createGatewayHandler,
  GATEWAY_DEFAULTS,
  type GatewayHandler,
  type GatewayHandlerOptions,
  type RequestRejection,
} from './handler.ts';
export type { DropReason } from './validate.ts';
