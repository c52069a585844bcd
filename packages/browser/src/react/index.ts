import {
  createContext,
  createElement,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
} from 'react';
import type { BrowserMetrics, UserFlags } from '../browser-metrics.ts';

const MetricsContext = createContext<BrowserMetrics | undefined>(undefined);

/** Props of {@link BizMetricsProvider}. */
export interface BizMetricsProviderProps {
  /** The page's instance from `createBrowserMetrics()`, created once outside React. */
  readonly metrics: BrowserMetrics;
  readonly children?: ReactNode;
}

/** Makes one `BrowserMetrics` instance available to {@link useBizMetrics} below it. */
export function BizMetricsProvider(props: BizMetricsProviderProps) {
  return createElement(MetricsContext.Provider, { value: props.metrics }, props.children);
}

/** What {@link useBizMetrics} returns: stable callbacks, safe to pass down and call from handlers. */
export interface BizMetricsHook {
  trackFunnelStep(funnel: string, step: string): void;
  trackFeatureUsage(feature: string): void;
  trackMilestone(milestone: string): void;
  setUser(user: Partial<UserFlags>): void;
}

const NOTHING = () => {};

/**
 * The article's `useBusinessMetrics` hook, made honest for the browser: engagement calls only (no
 * revenue), each one also counting as session activity; the mounting component's `route` (a route
 * pattern, when given) marks a route change. Outside a provider every call is a no-op.
 */
export function useBizMetrics(options: { readonly route?: string } = {}): BizMetricsHook {
  const metrics = useContext(MetricsContext);
  useEffect(() => {
    if (options.route !== undefined) metrics?.activity();
  }, [metrics, options.route]);
  const trackFunnelStep = useCallback(
    (funnel: string, step: string) => metrics?.funnelStep(funnel, step),
    [metrics],
  );
  const trackFeatureUsage = useCallback((feature: string) => metrics?.featureUsed(feature), [metrics]);
  const trackMilestone = useCallback((milestone: string) => metrics?.milestone(milestone), [metrics]);
  const setUser = useCallback((user: Partial<UserFlags>) => metrics?.setUser(user) ?? NOTHING(), [metrics]);
  return useMemo(
    () => ({ trackFunnelStep, trackFeatureUsage, trackMilestone, setUser }),
    [trackFunnelStep, trackFeatureUsage, trackMilestone, setUser],
  );
}
