import { createBizMetrics } from '@bizmetrics/core';
import type { JourneyLabels } from '@bizmetrics/core/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import { type DeviceType, detectDeviceType, pageDeviceHints } from './context/device-type.ts';
import { createDeltaExporter } from './export/delta-exporter.ts';
import { createRetryQueueExporter } from './export/retry-queue.ts';
import { type PageTargets, watchPageLifecycle } from './session/page-lifecycle.ts';
import { defaultRoutePattern, type RouteLocation, type RoutePattern } from './session/route-pattern.ts';
import { createSessionTracker, type SessionTracker } from './session/session-tracker.ts';

/** Who the visitor is, coarsely: the only user facts the browser reports. */
export interface UserFlags {
  /** `free`, `premium` or `enterprise`; anything else is recorded as `other`. */
  readonly tier: string;
  readonly newUser: boolean;
}

/** Labels of a funnel step that default to the page context. */
export type FunnelStepLabels = Partial<JourneyLabels>;

/** Options for {@link createBrowserMetrics}; only `endpoint` is required. */
export interface BrowserMetricsOptions {
  /** The gateway's OTLP/HTTP metrics URL, e.g. `/v1/metrics` (never a Collector: see the README). */
  readonly endpoint: string;
  /** `service.name` of the resource (default `web`). No per-visitor attribute is ever added. */
  readonly serviceName?: string;
  /** How often deltas are sent (default 15 000 ms); the page also flushes when hidden. */
  readonly exportIntervalMs?: number;
  /** Request timeout (default 10 000 ms, at most the interval). */
  readonly exportTimeoutMs?: number;
  /** Fraction of page loads that record anything (default 1); decided once per page load. */
  readonly sampleRate?: number;
  /** A session ends after this long without activity (default 30 minutes). */
  readonly sessionIdleMs?: number;
  /** Maps a location to a route pattern such as `/orders/:id` (default {@link defaultRoutePattern}). */
  readonly routePattern?: RoutePattern;
  /** Default `source` of funnel steps (default `direct`). */
  readonly source?: string;
  /** Default `experiment_variant` of funnel steps (default `none`). */
  readonly experimentVariant?: string;
  /** Device class (default: detected from coarse hints). */
  readonly deviceType?: DeviceType;
  /** Tier and new-user flag (default `free`, not new); change later with `setUser`. */
  readonly user?: Partial<UserFlags>;
  /** Failed batches kept for the next export (default 8). */
  readonly maxQueuedBatches?: number;
  /** Extra request headers (each non-safelisted header costs a CORS preflight). */
  readonly headers?: Readonly<Record<string, string>>;
  /** `production` (default) drops bad input; `strict` throws, for tests and development. */
  readonly mode?: 'production' | 'strict';
  /** Where rate-limited diagnostics go (default `console.warn`). */
  readonly log?: (message: string) => void;
  /** Random source for sampling (default `Math.random`). */
  readonly random?: () => number;
  /** Replaces the OTLP/HTTP exporter (tests). */
  readonly exporter?: PushMetricExporter;
  /** Replaces `window`, `document` and `location` (tests); none outside a browser. */
  readonly page?: PageTargets & { readonly location: RouteLocation };
  /** Clock in epoch ms (default `Date.now`). */
  readonly now?: () => number;
}

/** The browser's business API: engagement only, never money (contract 6). */
export interface BrowserMetrics {
  /** False when this page load was sampled out: every call is then a no-op. */
  readonly sampled: boolean;
  /** Records that the visitor reached a funnel step. */
  funnelStep(funnel: string, step: string, labels?: FunnelStepLabels): void;
  /** Records one use of a feature, labelled with the visitor's tier and new-user flag. */
  featureUsed(feature: string): void;
  /** Records an engagement milestone. */
  milestone(milestone: string): void;
  /** Updates the tier and new-user flag used from now on. */
  setUser(user: Partial<UserFlags>): void;
  /** Marks activity (route changes in a single-page app); starts a session when none runs. */
  activity(): void;
  /** Sends everything recorded so far; never rejects. */
  flush(): Promise<void>;
  /** Ends the session, flushes and stops; never rejects. */
  shutdown(): Promise<void>;
}

const DEFAULTS = {
  serviceName: 'web',
  exportIntervalMs: 15_000,
  exportTimeoutMs: 10_000,
  sessionIdleMs: 30 * 60_000,
  maxQueuedBatches: 8,
};

/**
 * Starts browser metrics: a MeterProvider exporting OTLP deltas to the gateway, session tracking on
 * the page lifecycle, and a flush whenever the page is hidden. Never throws: on any set-up error it
 * logs once and returns a no-op instance.
 */
export function createBrowserMetrics(options: BrowserMetricsOptions): BrowserMetrics {
  const log = options.log ?? defaultLog;
  try {
    const rate = options.sampleRate ?? 1;
    if (!((options.random ?? Math.random)() < rate)) return noop(false);
    return start(options, log);
  } catch (error) {
    safe(() => log(`bizmetrics: browser metrics disabled: ${String(error)}`));
    return noop(true);
  }
}

function start(options: BrowserMetricsOptions, log: (message: string) => void): BrowserMetrics {
  const now = options.now ?? Date.now;
  const interval = options.exportIntervalMs ?? DEFAULTS.exportIntervalMs;
  const exporter =
    options.exporter ??
    createDeltaExporter({
      url: options.endpoint,
      headers: options.headers,
      timeoutMs: Math.min(options.exportTimeoutMs ?? DEFAULTS.exportTimeoutMs, interval),
    });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName ?? DEFAULTS.serviceName }),
    readers: [
      new PeriodicExportingMetricReader({
        exporter: createRetryQueueExporter(exporter, {
          maxBatches: options.maxQueuedBatches ?? DEFAULTS.maxQueuedBatches,
          onDrop: (n) => safe(() => log(`bizmetrics: dropped ${n} unsent metric batch(es)`)),
        }),
        exportIntervalMillis: interval,
        exportTimeoutMillis: Math.min(options.exportTimeoutMs ?? DEFAULTS.exportTimeoutMs, interval),
      }),
    ],
  });
  const biz = createBizMetrics({
    meter: provider.getMeter('@bizmetrics/browser'),
    mode: options.mode,
    log,
    now,
  });
  const page = options.page ?? browserPage();
  const context = {
    source: options.source ?? 'direct',
    experiment_variant: options.experimentVariant ?? 'none',
    device_type: options.deviceType ?? detectDeviceType(pageDeviceHints()),
  };
  let user: UserFlags = { tier: 'free', newUser: false, ...options.user };

  const sessions: SessionTracker = createSessionTracker({
    idleMs: options.sessionIdleMs ?? DEFAULTS.sessionIdleMs,
    now,
    timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as number) },
    location: () => page?.location ?? { pathname: '/' },
    routePattern: guardedPattern(options.routePattern ?? defaultRoutePattern),
    sink: {
      started: (entry_page) => biz.sessionStarted({ user_tier: user.tier, entry_page }),
      ended: (entry_page, durationSeconds) =>
        biz.sessionEnded({ user_tier: user.tier, entry_page, durationSeconds }),
    },
  });

  const flush = () => provider.forceFlush().catch(() => undefined);
  const unwatch = page
    ? watchPageLifecycle(page, {
        activity: () => sessions.activity(),
        hidden: () => {
          sessions.end();
          void flush();
        },
      })
    : () => {};
  if (page?.document.visibilityState === 'visible') sessions.activity();

  const shield =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A): void => {
      if (options.mode === 'strict') {
        fn(...args);
        return;
      }
      try {
        fn(...args);
      } catch (error) {
        safe(() => log(`bizmetrics: ${String(error)}`));
      }
    };

  return {
    sampled: true,
    funnelStep: shield((funnel: string, step: string, labels?: FunnelStepLabels) => {
      sessions.activity();
      biz.funnelStep({ funnel, step, ...context, ...labels });
    }),
    featureUsed: shield((feature: string) => {
      sessions.activity();
      biz.featureUsed({ feature, user_tier: user.tier, new_user: user.newUser });
    }),
    milestone: shield((milestone: string) => {
      sessions.activity();
      biz.milestone({ milestone, user_tier: user.tier });
    }),
    setUser: shield((next: Partial<UserFlags>) => {
      user = { ...user, ...next };
    }),
    activity: shield(() => sessions.activity()),
    flush,
    async shutdown() {
      try {
        unwatch();
        sessions.end();
        sessions.dispose();
        await provider.shutdown();
      } catch (error) {
        safe(() => log(`bizmetrics: shutdown failed: ${String(error)}`));
      }
    },
  };
}

/** A route pattern function that can never throw nor leak a long value. */
function guardedPattern(pattern: RoutePattern): RoutePattern {
  return (location) => {
    try {
      return pattern(location);
    } catch {
      return defaultRoutePattern(location);
    }
  };
}

function browserPage(): (PageTargets & { location: RouteLocation }) | undefined {
  const g = globalThis as { window?: Window; document?: Document };
  if (!g.window || !g.document) return undefined;
  const win = g.window;
  return {
    window: win,
    document: g.document,
    get location() {
      return win.location;
    },
  };
}

function noop(sampled: boolean): BrowserMetrics {
  const nothing = () => {};
  return {
    sampled,
    funnelStep: nothing,
    featureUsed: nothing,
    milestone: nothing,
    setUser: nothing,
    activity: nothing,
    flush: async () => {},
    shutdown: async () => {},
  };
}

function defaultLog(message: string): void {
  globalThis.console?.warn(message);
}

function safe(fn: () => void): void {
  try {
    fn();
  } catch {
    // A broken logger must not break the page.
  }
}
