export {
  type BrowserMetrics,
  type BrowserMetricsOptions,
  createBrowserMetrics,
  type FunnelStepLabels,
  type UserFlags,
} from './browser-metrics.ts';
export { type DeviceHints, type DeviceType, detectDeviceType } from './context/device-type.ts';
export type { PageTargets } from './session/page-lifecycle.ts';
export { defaultRoutePattern, type RouteLocation, type RoutePattern } from './session/route-pattern.ts';
export { matchRoute } from './session/routes.ts';
export type { SessionStore } from './session/session-tracker.ts';
