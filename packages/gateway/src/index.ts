export { BROWSER_METRICS, type BrowserMetric } from './browser-catalog.ts';
export type { AllowedOrigins } from './cors.ts';
export { forwardedClientKey, type Gateway, type GatewayOptions, startGateway } from './gateway.ts';
export {
  GATEWAY_ENV,
  GatewayConfigError,
  type GatewayEnvConfig,
  gatewayConfigFromEnv,
} from './gateway-env.ts';
export { type RunningGateway, startGatewayFromEnv } from './gateway-from-env.ts';
export { createGatewayHandler, type GatewayHandler, type GatewayHandlerOptions } from './handler.ts';
export type { RejectReason } from './validate.ts';
