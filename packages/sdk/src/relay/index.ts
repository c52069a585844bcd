export { BROWSER_METRICS, type BrowserMetric, relayRequests } from './browser-catalog.ts';
export type { AllowedOrigins } from './cors.ts';
export { createRelayHandler, type RelayHandler, type RelayOptions } from './handler.ts';
export type { RejectReason } from './validate.ts';
