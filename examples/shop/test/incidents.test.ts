import { createRng } from '@bizmetrics/core/random';
import { afterEach, describe, expect, it } from 'vitest';
import { INCIDENT_NAMES, type IncidentName, parseIncident } from '../src/shop/incidents.ts';
import { DEFAULT_MIX } from '../src/traffic/mix.ts';
import { playVisit, type VisitOutcome } from '../src/traffic/shop-client.ts';
import { planVisit, type VisitPlan } from '../src/traffic/visit-plan.ts';
import { type ShopHarness, startShop } from './support/shop-harness.ts';

const VISITS = 200;
const STEPS = 'business_funnel_steps_total';
let shop: ShopHarness | undefined;
afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

/** Visits that all mean to buy, so every incident has journeys to break. */
function buyers(n: number, seed = 5): VisitPlan[] {
  const rng = createRng(seed);
  const mix = {
    ...DEFAULT_MIX,
    checkoutShare: 1,
    continueTo: { shipping: 1, payment: 1, pay: 1, confirm: 1 },
    sourceLift: {},
    deviceLift: {},
  };
  return Array.from({ length: n }, (_, i) => planVisit(rng, mix, i));
}

async function run(incident: IncidentName | undefined, plans = buyers(VISITS)): Promise<VisitOutcome[]> {
  shop = await startShop(incident);
  const outcomes: VisitOutcome[] = [];
  for (let i = 0; i < plans.length; i += 50)
    outcomes.push(...(await Promise.all(plans.slice(i, i + 50).map((p) => playVisit(shop!.url, p)))));
  return outcomes;
}
const step = (s: string) => shop!.total(STEPS, { funnel: 'checkout', step: s });

describe('the shop without an incident', { timeout: 30_000 }, () => {
  it('confirms nearly every journey of shoppers who mean to buy, with normal declines only', async () => {
    const outcomes = await run(undefined);
    expect(await step('cart_view')).toBe(VISITS);
    expect(await step('confirmed')).toBeGreaterThan(VISITS * 0.9);
    expect(outcomes.filter((o) => o.reached === 'confirmed').length).toBe(await step('confirmed'));
    expect(outcomes.every((o) => o.errors === 0 && o.featureRefusals === 0)).toBe(true);
  });
});

describe('incidents', { timeout: 30_000 }, () => {
  it('payment-outage: every authorisation fails, nobody reaches review, failures are counted by reason', async () => {
    const outcomes = await run('payment-outage');
    expect(await step('payment')).toBe(VISITS);
    expect(await step('review')).toBe(0);
    expect(await shop!.total('business_revenue_minor_total')).toBe(0);
    const failures = outcomes.reduce((s, o) => s + o.paymentFailures, 0);
    expect(await shop!.total('shop_payment_failures_total')).toBe(failures);
    expect(await shop!.total('shop_payment_failures_total', { reason: 'timeout' })).toBeGreaterThan(0);
    expect(await shop!.total('business_funnel_abandonments_total', { step: 'payment' })).toBe(VISITS);
  });

  it('conversion-drop: about half the paid journeys are abandoned at review', async () => {
    await run('conversion-drop');
    const reviewed = await step('review');
    const confirmed = await step('confirmed');
    expect(confirmed / reviewed).toBeGreaterThan(0.4);
    expect(confirmed / reviewed).toBeLessThan(0.6);
    expect(await shop!.total('business_funnel_abandonments_total', { step: 'review' })).toBe(
      reviewed - confirmed,
    );
    expect(await shop!.total('shop_order_failures_total')).toBe(reviewed - confirmed);
  });

  it('revenue-drop: orders go through as usual but each is charged a tenth of its cart', async () => {
    const plans = buyers(VISITS);
    const outcomes = await run('revenue-drop', plans);
    expect(await step('confirmed')).toBeGreaterThan(VISITS * 0.9);
    outcomes.forEach((o, i) => {
      if (o.reached === 'confirmed')
        expect(o.totalMinor).toBe(Math.max(1, Math.round(plans[i]!.checkout!.cartMinor / 10)));
    });
    const charged = outcomes.reduce((s, o) => s + (o.totalMinor ?? 0), 0);
    expect(await shop!.total('business_revenue_minor_total')).toBe(charged);
  });

  it('engagement-drop: new users cannot use features while returning users still do', async () => {
    const rng = createRng(9);
    const plans = Array.from({ length: VISITS }, (_, i) =>
      planVisit(rng, { ...DEFAULT_MIX, checkoutShare: 0 }, i),
    );
    const outcomes = await run('engagement-drop', plans);
    expect(await shop!.total('business_feature_usage_total', { new_user: 'true' })).toBe(0);
    expect(await shop!.total('business_feature_usage_total', { new_user: 'false' })).toBeGreaterThan(100);
    const refused = outcomes.filter((o) => o.featureRefusals > 0).length;
    expect(refused).toBe(plans.filter((p) => p.newUser && p.features.length > 0).length);
  });

  it('are switched at run time through /api/incident and refuse unknown names', async () => {
    shop = await startShop();
    const put = (name: string) =>
      fetch(`${shop!.url}/api/incident`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });
    expect((await put('payment-outage')).status).toBe(200);
    expect(await (await fetch(`${shop.url}/healthz`)).json()).toMatchObject({ incident: 'payment-outage' });
    expect((await put('meteor-strike')).status).toBe(400);
    await fetch(`${shop.url}/api/incident`, { method: 'DELETE' });
    expect(await (await fetch(`${shop.url}/api/incident`)).json()).toEqual({ incident: null });
  });

  it('are named on the command line, with the accepted names in the error', () => {
    expect(INCIDENT_NAMES.map(parseIncident)).toEqual([...INCIDENT_NAMES]);
    expect(() => parseIncident('outage')).toThrow(
      /payment-outage, conversion-drop, revenue-drop, engagement-drop/,
    );
  });
});

describe('the shop HTTP latency histogram (insights default technical series)', { timeout: 30_000 }, () => {
  it('records every request by method, route pattern and status', async () => {
    await run(undefined, buyers(5));
    const count = await shop!.total('http_server_request_duration_seconds_count', {
      http_request_method: 'POST',
    });
    expect(count).toBeGreaterThanOrEqual(5);
    const routes = new Set(
      (await shop!.samples())
        .filter((s) => s.name === 'http_server_request_duration_seconds_count')
        .map((s) => s.labels['http_route']),
    );
    for (const route of routes) expect(route).not.toMatch(/\/[0-9a-f-]{8,}/);
  });
});
