import { defineMetric } from './define.ts';
import { orderValueMetric } from './order-value.ts';

const OWNER = 'growth';

/** Device classes; anything else is recorded as `other`. */
export const DEVICE_TYPES = ['desktop', 'mobile', 'tablet'] as const;
/** Customer tiers; anything else is recorded as `other`. */
export const USER_TIERS = ['free', 'premium', 'enterprise'] as const;
/** Windows for active-user counts. */
export const ACTIVE_USER_WINDOWS = ['daily', 'weekly', 'monthly'] as const;
const BOOL = ['true', 'false'] as const;

/** Labels of money counters: revenue and refunds must match, so net revenue is a subtraction. */
const MONEY_LABELS = {
  currency: {},
  product_category: { maxLength: 40 },
  payment_method: { maxLength: 30 },
  region: { maxLength: 30 },
} as const;

const DURATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400, 86400];
const SESSION_BUCKETS = [5, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

/**
 * The standard business catalog: every metric of the checkout and engagement article.
 * Counters carry curly-brace units and histograms with real units carry the unit word in their
 * name, so the Prometheus name is the same on every export path (contract 1).
 */
export const standardCatalog = {
  funnelSteps: defineMetric({
    kind: 'counter',
    name: 'business.funnel.steps',
    unit: '{event}',
    description: 'Journeys that reached a funnel step.',
    owner: OWNER,
    labels: {
      funnel: { maxLength: 40 },
      step: { maxLength: 40 },
      source: { maxLength: 40 },
      device_type: { values: DEVICE_TYPES },
      experiment_variant: { maxLength: 40 },
    },
    seriesLimit: 2000,
  }),
  funnelAbandonments: defineMetric({
    kind: 'counter',
    name: 'business.funnel.abandonments',
    unit: '{event}',
    description: 'Journeys ended before the last funnel step, by the last step reached.',
    owner: OWNER,
    labels: { funnel: { maxLength: 40 }, step: { maxLength: 40 } },
    seriesLimit: 200,
  }),
  conversions: defineMetric({
    kind: 'counter',
    name: 'business.conversions',
    unit: '{event}',
    description: 'Completed conversions (purchase, signup, upgrade, ...).',
    owner: OWNER,
    labels: { type: { maxLength: 40 }, source: { maxLength: 40 }, device_type: { values: DEVICE_TYPES } },
    seriesLimit: 500,
  }),
  conversionDuration: defineMetric({
    kind: 'histogram',
    name: 'business.conversion.duration.seconds',
    unit: 's',
    value: 'duration',
    description: 'Time from session start to conversion.',
    owner: OWNER,
    labels: { type: { maxLength: 40 } },
    buckets: DURATION_BUCKETS,
    seriesLimit: 100,
  }),
  revenue: defineMetric({
    kind: 'counter',
    name: 'business.revenue.minor',
    unit: '{minor_unit}',
    value: 'money',
    description: 'Gross revenue in integer minor units of the currency (cents for USD).',
    owner: 'finance',
    labels: MONEY_LABELS,
    seriesLimit: 2000,
  }),
  refunds: defineMetric({
    kind: 'counter',
    name: 'business.refunds.minor',
    unit: '{minor_unit}',
    value: 'money',
    description: 'Refunded amounts in integer minor units; net revenue is revenue minus refunds.',
    owner: 'finance',
    labels: MONEY_LABELS,
    seriesLimit: 2000,
  }),
  // Buckets follow the currency's minor-unit exponent; createBizMetrics({ currency }) picks another.
  orderValue: orderValueMetric('USD'),
  featureUsage: defineMetric({
    kind: 'counter',
    name: 'business.feature.usage',
    unit: '{event}',
    description: 'Uses of a product feature.',
    owner: 'product',
    labels: { feature: { maxLength: 40 }, user_tier: { values: USER_TIERS }, new_user: { values: BOOL } },
    seriesLimit: 1000,
  }),
  sessionDuration: defineMetric({
    kind: 'histogram',
    name: 'business.session.duration.seconds',
    unit: 's',
    value: 'duration',
    description: 'Length of ended sessions.',
    owner: 'product',
    labels: { user_tier: { values: USER_TIERS }, entry_page: { maxLength: 60 } },
    buckets: SESSION_BUCKETS,
    seriesLimit: 500,
  }),
  sessionsStarted: defineMetric({
    kind: 'counter',
    name: 'business.sessions.started',
    unit: '{session}',
    description: 'Sessions started, by tier and entry page.',
    owner: 'product',
    labels: { user_tier: { values: USER_TIERS }, entry_page: { maxLength: 60 } },
    seriesLimit: 500,
  }),
  milestones: defineMetric({
    kind: 'counter',
    name: 'business.milestones',
    unit: '{event}',
    description: 'Engagement milestones reached (first project, invited a teammate, ...).',
    owner: 'product',
    labels: { milestone: { maxLength: 40 }, user_tier: { values: USER_TIERS } },
    seriesLimit: 500,
  }),
  activeUsers: defineMetric({
    kind: 'gauge',
    name: 'business.active_users',
    unit: '{user}',
    description: 'Distinct active users in the window, as reported by the application.',
    owner: 'product',
    labels: { window: { values: ACTIVE_USER_WINDOWS }, user_tier: { values: USER_TIERS } },
    seriesLimit: 50,
  }),
} as const;

/** Self-metrics: what the guards did with bad input, so nothing is lost silently. */
export const selfCatalog = {
  guardEvents: defineMetric({
    kind: 'counter',
    name: 'bizmetrics.guard.events',
    unit: '{event}',
    description: 'Inputs the guards dropped or corrected, by metric, reason and action.',
    owner: 'platform',
    labels: {
      metric: { maxLength: 80 },
      reason: { maxLength: 40 },
      action: { values: ['dropped', 'mapped'] },
    },
    seriesLimit: 1000,
  }),
  funnelAnomalies: defineMetric({
    kind: 'counter',
    name: 'bizmetrics.funnel.anomalies',
    unit: '{event}',
    description: 'Funnel steps flagged by the journey policy (repeated, out of order, skipped, after end).',
    owner: 'platform',
    labels: {
      funnel: { maxLength: 40 },
      step: { maxLength: 40 },
      kind: { values: ['repeated', 'out_of_order', 'skipped', 'after_end', 'unknown_step'] },
    },
    seriesLimit: 500,
  }),
  gatewayRequests: defineMetric({
    kind: 'counter',
    name: 'bizmetrics.gateway.requests',
    unit: '{request}',
    description: 'Browser metric batches the gateway received, by outcome and rejection reason.',
    owner: 'platform',
    labels: {
      outcome: { values: ['accepted', 'partial', 'rejected'] },
      reason: { maxLength: 40 },
    },
    seriesLimit: 50,
  }),
  gatewayGuardEvents: defineMetric({
    kind: 'counter',
    name: 'bizmetrics.gateway.guard.events',
    unit: '{event}',
    description:
      'Browser data points the gateway dropped, mapped to other or ignored, by metric, reason and action; never counted in bizmetrics.guard.events.',
    owner: 'platform',
    labels: {
      metric: { maxLength: 80 },
      reason: { maxLength: 40 },
      action: { values: ['dropped', 'mapped', 'ignored'] },
    },
    seriesLimit: 500,
  }),
  browserGuardEvents: defineMetric({
    kind: 'counter',
    name: 'bizmetrics.browser.guard.events',
    unit: '{event}',
    description:
      "What browser SDKs report their own guards did (their bizmetrics.guard.events), kept apart from the service's.",
    owner: 'platform',
    labels: {
      metric: { maxLength: 80 },
      reason: { maxLength: 40 },
      action: { values: ['dropped', 'mapped'] },
    },
    seriesLimit: 500,
  }),
} as const;

/** A catalog: named metric definitions. */
export type Catalog = Readonly<Record<string, import('./metric.ts').MetricDef>>;
