import { type MetricDef, standardCatalog } from '@bizmetrics/core';
// Every reason core's guards report (one list, so the two cannot drift): a client cannot invent others.
import { GUARD_REASONS } from '@bizmetrics/core/api';
import { selfCatalog } from '@bizmetrics/core/catalog';
import type { AllowLists } from '@bizmetrics/core/validate';
import { webCatalog } from '@bizmetrics/core/web';

/** A metric the gateway accepts from browsers, with limits beyond its catalog definition. */
export interface BrowserMetric {
  /** What browsers send (the name they use). */
  readonly def: MetricDef;
  /** Where it is recorded, when not under its own name (browsers' guard events). */
  readonly recordAs?: MetricDef;
  /** Largest single observation of a histogram (its +Inf bucket needs a ceiling). */
  readonly maxValue?: number;
  /** Narrower value sets than the catalog declares, by label key; other values become `other`. */
  readonly values?: AllowLists;
}

const std = standardCatalog;
const DAY_SECONDS = 86_400;

/** The engagement metrics a browser may send (contract 6): no money, no conversions. */
const ENGAGEMENT = [
  std.funnelSteps,
  std.featureUsage,
  std.milestones,
  std.sessionsStarted,
  std.sessionDuration,
];

/** Page views and web vitals (`@bizmetrics/core/web`), with the ceiling of each histogram's +Inf bucket. */
const WEB: ReadonlyArray<{ def: MetricDef; maxValue?: number }> = [
  { def: webCatalog.pageViews },
  { def: webCatalog.lcp, maxValue: 120 },
  { def: webCatalog.inp, maxValue: 60 },
  { def: webCatalog.cls, maxValue: 10 },
  { def: webCatalog.fcp, maxValue: 120 },
  { def: webCatalog.ttfb, maxValue: 60 },
];

/**
 * What the gateway accepts from browsers: the engagement metrics of the standard catalog, page views
 * and web vitals, and the
 * browser SDK's own guard self-metric about those metrics — recorded as
 * `bizmetrics.browser.guard.events`, never in the service's `bizmetrics.guard.events`, so browsers
 * cannot raise the service team's guard alerts. Revenue, refunds, order values and conversions are
 * never accepted, whatever a client sends.
 */
export const BROWSER_METRICS: readonly BrowserMetric[] = [
  ...ENGAGEMENT.map((def) => ({ def, maxValue: def.kind === 'histogram' ? DAY_SECONDS : undefined })),
  ...WEB,
  {
    def: selfCatalog.guardEvents,
    recordAs: selfCatalog.browserGuardEvents,
    values: {
      metric: [...ENGAGEMENT, ...WEB.map((w) => w.def)].map((d) => d.name),
      reason: [...GUARD_REASONS, 'control_character'],
      action: ['dropped', 'mapped'],
    },
  },
];

/** Narrows the accepted metrics with a site's own value allow-lists (e.g. its funnels and features). */
export function withAllowedValues(
  metrics: readonly BrowserMetric[],
  allowed: Readonly<Record<string, AllowLists>> = {},
): BrowserMetric[] {
  return metrics.map((m) =>
    allowed[m.def.name] ? { ...m, values: { ...m.values, ...allowed[m.def.name] } } : m,
  );
}
