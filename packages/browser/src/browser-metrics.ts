import { type MetricDef, standardCatalog } from '@bizmetrics/core';
// ignoreErrors: a broken logger or storage must not break the page (core's one never-throw helper).
import { ignoreErrors, type JourneyLabels } from '@bizmetrics/core/api';
import { selfCatalog } from '@bizmetrics/core/catalog';
import type { AllowLists } from '@bizmetrics/core/validate';
import { webCatalog } from '@bizmetrics/core/web';
import { type DeviceType, detectDeviceType, pageDeviceHints } from './context/device-type.ts';
import { encodeOtlpJson } from './export/otlp-json.ts';
import { createTransport } from './export/transport.ts';
import { createRecorder } from './record/recorder.ts';
import { type PageTargets, watchPageLifecycle } from './session/page-lifecycle.ts';
import { defaultRoutePattern, type RouteLocation, type RoutePattern } from './session/route-pattern.ts';
import { matchRoute, watchRouteChanges } from './session/routes.ts';
import { createSessionTracker, type SessionStore } from './session/session-tracker.ts';
import { watchWebVitals } from './vitals/web-vitals.ts';

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
  /** How often deltas are sent (default 15 000 ms); the page also sends when hidden. */
  readonly exportIntervalMs?: number;
  /** Request timeout (default 10 000 ms, at most the interval). */
  readonly exportTimeoutMs?: number;
  /**
   * Fraction of tabs that record (default 1, at least 0.01), drawn once per tab (kept across
   * reloads). A recording tab stands for 1/rate tabs: its counts are scaled so totals stay unbiased.
   */
  readonly sampleRate?: number;
  /** `pending`: nothing is recorded, stored or sent until `grantConsent()` (default `granted`). */
  readonly consent?: 'granted' | 'pending';
  /** A session ends after this long without activity (default 30 minutes); hiding the tab does not end it. */
  readonly sessionIdleMs?: number;
  /**
   * The app's route templates (`/products/:id`); page views and web vitals are labelled by the one
   * matching the page, or `other` — never by URL. Routers may call `setRoute()` instead.
   */
  readonly routes?: readonly string[];
  /** Entry page of a session when no `routes` are declared (default {@link defaultRoutePattern}). */
  readonly routePattern?: RoutePattern;
  /** Record LCP, INP, CLS, FCP and TTFB (default true). */
  readonly webVitals?: boolean;
  /** Default `source` of funnel steps (default `direct`). */
  readonly source?: string;
  /** Default `experiment_variant` of funnel steps (default `none`). */
  readonly experimentVariant?: string;
  /** Device class (default: detected from coarse hints). */
  readonly deviceType?: DeviceType;
  /** Tier and new-user flag (default `free`, not new); change later with `setUser`. */
  readonly user?: Partial<UserFlags>;
  /** Value allow-lists by metric and label (as the gateway's); other values are sent as `other`. */
  readonly allowedValues?: Readonly<Record<string, AllowLists>>;
  /** Most label sets per metric between two exports (default 100); more are sent as `other`. */
  readonly seriesLimit?: number;
  /** Unsent batches kept for the next export (default 8). */
  readonly maxQueuedBatches?: number;
  /** Extra request headers, e.g. the gateway's `X-Bizmetrics-Ingest-Key` (costs a CORS preflight). */
  readonly headers?: Readonly<Record<string, string>>;
  /** `production` (default) drops bad input; `strict` throws, for tests and development. */
  readonly mode?: 'production' | 'strict';
  /** Where diagnostics go, once per metric and reason (default `console.warn`). */
  readonly log?: (message: string) => void;
  /** Random source for sampling (default `Math.random`). */
  readonly random?: () => number;
  /** Replaces `fetch` (tests). */
  readonly fetch?: typeof fetch;
  /** Replaces `window`, `document` and `location` (tests); none outside a browser. */
  readonly page?: PageTargets & { readonly location: RouteLocation };
  /** Replaces `sessionStorage` / `localStorage` (tests). */
  readonly storage?: { readonly session?: SessionStore; readonly local?: SessionStore };
  /** Clock in epoch ms (default `Date.now`). */
  readonly now?: () => number;
}

/** The browser's business API: engagement only, never money (contract 6). */
export interface BrowserMetrics {
  /** False when this tab was sampled out: recording calls are then no-ops. */
  readonly sampled: boolean;
  /** False while consent is pending or after `optOut()`. */
  readonly recording: boolean;
  /** Records that the visitor reached a funnel step. */
  funnelStep(funnel: string, step: string, labels?: FunnelStepLabels): void;
  /** Records one use of a feature, labelled with the visitor's tier and new-user flag. */
  featureUsed(feature: string): void;
  /** Records an engagement milestone. */
  milestone(milestone: string): void;
  /** Updates the tier and new-user flag used from now on. */
  setUser(user: Partial<UserFlags>): void;
  /** Marks activity; starts a session when none runs. */
  activity(): void;
  /** Declares the current route template (routers); must be one of `routes` when those are given. */
  setRoute(template: string): void;
  /** Starts recording after `consent: 'pending'` or an earlier `optOut()`. */
  grantConsent(): void;
  /** Stops recording, drops everything not yet sent and remembers the choice in this browser. */
  optOut(): void;
  /** Sends everything recorded so far; never rejects. */
  flush(): Promise<void>;
  /** Sends what is pending and stops (the session stays stored for the tab's next page); never rejects. */
  shutdown(): Promise<void>;
}

const std = standardCatalog;
const OPT_OUT_KEY = 'bizmetrics.optout';
const SAMPLED_KEY = 'bizmetrics.sampled';

/**
 * Starts browser metrics: delta aggregation in the page with core's label rules, OTLP/JSON to the
 * gateway on an interval and whenever the page is hidden, sessions across reloads of a tab, page
 * views on route changes and web vitals. Never throws: on any set-up error it logs once and
 * returns an instance that records nothing.
 */
export function createBrowserMetrics(options: BrowserMetricsOptions): BrowserMetrics {
  const log = options.log ?? ((m: string) => globalThis.console?.warn(m));
  const g = globalThis as { sessionStorage?: Storage; localStorage?: Storage; document?: unknown };
  const session = options.storage?.session ?? safeStore(() => g.sessionStorage);
  const local = options.storage?.local ?? safeStore(() => g.localStorage);
  const rate = Math.min(1, Math.max(0.01, options.sampleRate ?? 1));
  let sampled = true;
  try {
    const kept = session?.getItem(SAMPLED_KEY);
    sampled = kept ? kept === '1' : (options.random ?? Math.random)() < rate;
    session?.setItem(SAMPLED_KEY, sampled ? '1' : '0');
  } catch {}
  let running: Running | undefined;
  let vitalsWatched = false;
  const start = () => {
    if (running || !sampled) return;
    try {
      running = startRecording(options, rate, log, session, () => {
        // web-vitals observes once per page: later starts (after an opt-out) reuse it.
        if (vitalsWatched || options.webVitals === false || !g.document) return;
        vitalsWatched = true;
        watchWebVitals((name, value) => running?.vital(name, value));
      });
    } catch (error) {
      ignoreErrors(() => log(`bizmetrics: browser metrics disabled: ${String(error)}`));
    }
  };
  if (options.consent !== 'pending' && safeGet(local, OPT_OUT_KEY) !== '1') start();
  const call =
    <A extends unknown[]>(fn: (r: Running, ...args: A) => void) =>
    (...args: A): void => {
      if (!running) return;
      if (options.mode === 'strict') {
        fn(running, ...args);
        return;
      }
      try {
        fn(running, ...args);
      } catch (error) {
        ignoreErrors(() => log(`bizmetrics: ${String(error)}`));
      }
    };
  return {
    get sampled() {
      return sampled;
    },
    get recording() {
      return running !== undefined;
    },
    funnelStep: call((r, funnel: string, step: string, labels?: FunnelStepLabels) =>
      r.funnelStep(funnel, step, labels),
    ),
    featureUsed: call((r, feature: string) => r.featureUsed(feature)),
    milestone: call((r, milestone: string) => r.milestone(milestone)),
    setUser: call((r, user: Partial<UserFlags>) => r.setUser(user)),
    activity: call((r) => r.activity()),
    setRoute: call((r, template: string) => r.setRoute(template)),
    grantConsent() {
      ignoreErrors(() => local?.removeItem(OPT_OUT_KEY));
      start();
    },
    optOut() {
      ignoreErrors(() => local?.setItem(OPT_OUT_KEY, '1'));
      running?.stop(true);
      running = undefined;
    },
    flush: async () => running?.flush(),
    async shutdown() {
      const r = running;
      running = undefined;
      await r?.flush();
      r?.stop(false);
    },
  };
}

interface Running {
  funnelStep(funnel: string, step: string, labels?: FunnelStepLabels): void;
  featureUsed(feature: string): void;
  milestone(milestone: string): void;
  setUser(user: Partial<UserFlags>): void;
  activity(): void;
  setRoute(template: string): void;
  vital(name: 'lcp' | 'inp' | 'cls' | 'fcp' | 'ttfb', value: number): void;
  flush(): Promise<void>;
  /** Stops everything; `drop`: forget what was not sent and the stored session (opt-out). */
  stop(drop: boolean): void;
}

function startRecording(
  options: BrowserMetricsOptions,
  rate: number,
  log: (message: string) => void,
  store: SessionStore | undefined,
  watchVitals: () => void,
): Running {
  const now = options.now ?? Date.now;
  const interval = options.exportIntervalMs ?? 15_000;
  const recorder = createRecorder({
    guardMetric: selfCatalog.guardEvents,
    seriesLimit: options.seriesLimit ?? 100,
    allowedValues: options.allowedValues,
    weight: 1 / rate,
    random: options.random ?? Math.random,
    strict: options.mode === 'strict',
    log,
    now,
  });
  const transport = createTransport({
    url: options.endpoint,
    headers: options.headers,
    timeoutMs: Math.min(options.exportTimeoutMs ?? 10_000, interval),
    maxQueued: options.maxQueuedBatches ?? 8,
    onDrop: (n) => ignoreErrors(() => log(`bizmetrics: dropped ${n} unsent metric batch(es)`)),
    fetch: options.fetch,
  });
  const serviceName = options.serviceName ?? 'web';
  const page = options.page ?? browserPage();
  const location = () => page?.location ?? { pathname: '/' };
  const context = {
    source: options.source ?? 'direct',
    experiment_variant: options.experimentVariant ?? 'none',
    device_type: options.deviceType ?? detectDeviceType(pageDeviceHints()),
  };
  let user: UserFlags = { tier: 'free', newUser: false, ...options.user };
  let declared: string | undefined;
  const route = () =>
    declared ?? (options.routes ? (matchRoute(options.routes, location().pathname) ?? 'other') : 'other');
  const pattern = options.routePattern ?? defaultRoutePattern;
  const entryPage = () => {
    if (options.routes || declared) return route();
    try {
      return pattern(location());
    } catch {
      return defaultRoutePattern(location());
    }
  };

  const sessions = createSessionTracker({
    idleMs: options.sessionIdleMs ?? 30 * 60_000,
    now,
    timers: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as number) },
    entryPage,
    store,
    sink: {
      started: (entry_page) => recorder.add(std.sessionsStarted, 1, { user_tier: user.tier, entry_page }),
      ended: (entry_page, seconds) =>
        recorder.observe(std.sessionDuration, seconds, { user_tier: user.tier, entry_page }),
    },
  });

  const flush = async () => {
    const snapshot = recorder.take();
    await transport.send(snapshot && encodeOtlpJson(snapshot, serviceName));
  };
  const pageView = () => recorder.add(webCatalog.pageViews, 1, { route: route() });
  watchVitals();
  const unwatchPage = page
    ? watchPageLifecycle(page, {
        activity: () => sessions.activity(),
        visible: () => sessions.check(),
        hidden: () => void flush(),
      })
    : () => {};
  const win = page?.window as ({ history: History; location: Location } & EventTarget) | undefined;
  const unwatchRoutes = win?.history
    ? watchRouteChanges(win, () =>
        // After the app's own handler of the same navigation had the chance to call setRoute().
        queueMicrotask(() => {
          pageView();
          sessions.activity();
        }),
      )
    : () => {};
  const timer = setInterval(() => void flush(), interval);
  pageView();
  if (page?.document.visibilityState === 'visible') sessions.activity();

  const VITALS: Record<string, MetricDef> = webCatalog;
  return {
    funnelStep(funnel, step, labels) {
      sessions.activity();
      recorder.add(std.funnelSteps, 1, { funnel, step, ...context, ...labels });
    },
    featureUsed(feature) {
      sessions.activity();
      recorder.add(std.featureUsage, 1, { feature, user_tier: user.tier, new_user: user.newUser });
    },
    milestone(milestone) {
      sessions.activity();
      recorder.add(std.milestones, 1, { milestone, user_tier: user.tier });
    },
    setUser(next) {
      user = { ...user, ...next };
    },
    activity: () => sessions.activity(),
    setRoute(template) {
      declared = !options.routes || options.routes.includes(template) ? template : 'other';
    },
    vital: (name, value) => recorder.observe(VITALS[name]!, value, { route: route() }),
    flush,
    stop(drop) {
      clearInterval(timer);
      unwatchPage();
      unwatchRoutes();
      if (drop) {
        recorder.take();
        transport.clear();
        sessions.forget();
      } else sessions.dispose();
    },
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

function safeStore(get: () => SessionStore | undefined): SessionStore | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}

function safeGet(store: SessionStore | undefined, key: string): string | null | undefined {
  try {
    return store?.getItem(key);
  } catch {
    return undefined;
  }
}
