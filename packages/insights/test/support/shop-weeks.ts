// The example shop's own traffic model, payment behaviour and incidents: the visits the cost test
// counts are the ones the shop's generator plays against the real app.

import { createRng } from '@bizmetrics/core/random';
import { INCIDENTS, type IncidentName } from '../../../../examples/shop/src/shop/incidents.ts';
import { NORMAL_PAYMENTS } from '../../../../examples/shop/src/shop/payment.ts';
import { DEFAULT_MIX } from '../../../../examples/shop/src/traffic/mix.ts';
import { planVisit } from '../../../../examples/shop/src/traffic/visit-plan.ts';
import type { Point } from '../../src/analysis.ts';
import type { Family } from './openmetrics.ts';
import { weeklyTraffic } from './seasonal.ts';

const STEP = 300;

/** What the simulated weeks are built from. */
export interface ShopWeeksOptions {
  /** Unix seconds of a Monday 00:00 UTC: the first step ends 5 minutes later. */
  readonly start: number;
  readonly weeks: number;
  /** Visitors per minute at the weekday peak. */
  readonly peakVisitorsPerMinute: number;
  readonly incident: { readonly name: IncidentName; readonly start: number; readonly end: number };
  /** `ALERTS` firing samples from this long after the incident starts to its end (seconds). */
  readonly alertDelaySeconds: number;
  readonly seed: number;
}

/** The simulated counters, and the loss the incident caused, counted visit by visit. */
export interface ShopWeeks {
  readonly families: Family[];
  /** Orders and revenue (minor units, by currency) lost in the steps ending in (from, to]. */
  truth(from: number, to: number): { orders: number; revenue: Record<string, number> };
}

/**
 * Weeks of the example shop every 5 minutes: Poisson visitors on the day-and-week curve, each
 * planned by the shop's `planVisit`, paying against its normal declines and timeouts, with the
 * incident's extra payment failures on top. Each would-be order draws its incident outcome from its
 * own number, so the orders and revenue the incident took are known exactly.
 */
export function shopWeeks(options: ShopWeeksOptions): ShopWeeks {
  const rng = createRng(options.seed);
  const blocks = (options.weeks * 604_800) / STEP;
  const incident = INCIDENTS[options.incident.name];
  const currencies = [...new Set(Object.values(DEFAULT_MIX.regionSpecs).map((r) => r.currency))];
  const fail = NORMAL_PAYMENTS.declineRate + NORMAL_PAYMENTS.timeoutRate;
  const totals = { carts: 0, orders: 0, revenue: Object.fromEntries(currencies.map((c) => [c, 0])) };
  const series = {
    carts: [] as Point[],
    orders: [] as Point[],
    revenue: Object.fromEntries(currencies.map((c) => [c, [] as Point[]])),
    alerts: [] as Point[],
  };
  const lost: { t: number; orders: number; revenue: Record<string, number> }[] = [];
  let visits = 0;
  for (let b = 0; b < blocks; b++) {
    const t = options.start + (b + 1) * STEP;
    const during = t > options.incident.start && t <= options.incident.end;
    const minute = b * 5 + 2.5;
    const arrivals = rng.poisson(5 * weeklyTraffic(minute, options.peakVisitorsPerMinute));
    const blockLoss = { t, orders: 0, revenue: {} as Record<string, number> };
    for (let v = 0; v < arrivals; v++) {
      const plan = planVisit(rng, DEFAULT_MIX, visits++);
      const approved = rng.next() >= fail;
      const incidentDraw = rng.next();
      const c = plan.checkout;
      if (!c) continue;
      totals.carts++;
      if (c.intent !== 'confirmed' || !approved) continue;
      if (during && incidentDraw < incident.paymentFailure) {
        blockLoss.orders++;
        blockLoss.revenue[c.currency] = (blockLoss.revenue[c.currency] ?? 0) + c.cartMinor;
        continue;
      }
      totals.orders++;
      totals.revenue[c.currency] = (totals.revenue[c.currency] ?? 0) + c.cartMinor;
    }
    lost.push(blockLoss);
    series.carts.push([t, totals.carts]);
    series.orders.push([t, totals.orders]);
    for (const c of currencies) series.revenue[c]?.push([t, totals.revenue[c] ?? 0]);
    if (t >= options.incident.start + options.alertDelaySeconds && t <= options.incident.end)
      series.alerts.push([t, 1]);
  }
  const scrape = 'job="shop",instance="shop-1:9464"';
  const families: Family[] = [
    {
      name: 'business_funnel_steps_total',
      type: 'counter',
      series: new Map([
        [`{${scrape},funnel="checkout",step="cart_view"}`, series.carts],
        [`{${scrape},funnel="checkout",step="confirmed"}`, series.orders],
      ]),
    },
    {
      name: 'business_conversions_total',
      type: 'counter',
      series: new Map([[`{${scrape},type="purchase"}`, series.orders]]),
    },
    {
      name: 'business_revenue_minor_total',
      type: 'counter',
      series: new Map(
        currencies.map((c) => [`{${scrape},currency="${c}",region="any"}`, series.revenue[c] ?? []]),
      ),
    },
    {
      name: 'ALERTS',
      type: 'gauge',
      series: new Map([
        [`{alertname="${incident.alert}",alertstate="firing",severity="page"}`, series.alerts],
      ]),
    },
  ];
  return {
    families,
    truth(from, to) {
      const out = { orders: 0, revenue: {} as Record<string, number> };
      for (const l of lost) {
        if (l.t <= from || l.t > to) continue;
        out.orders += l.orders;
        for (const [c, v] of Object.entries(l.revenue)) out.revenue[c] = (out.revenue[c] ?? 0) + v;
      }
      return out;
    },
  };
}
