import { randomUUID } from 'node:crypto';
import type { BizMetrics, Journey } from '@bizmetrics/core';
import { isCurrencyCode } from '@bizmetrics/core/catalog';
import { type Request, type Response, Router } from 'express';
import { shopCatalog } from './catalog.ts';
import { paymentOutcome } from './payment.ts';
import type { ShopState } from './state.ts';
import { createStore } from './store.ts';

/** The article's checkout funnel, in order. */
export const CHECKOUT_STEPS = ['cart_view', 'shipping', 'payment', 'review', 'confirmed'] as const;
type Step = (typeof CHECKOUT_STEPS)[number];

interface Checkout {
  readonly journey: Journey<Step>;
  readonly region: string;
  readonly currency: string;
  readonly category: string;
  readonly cartMinor: number;
  paymentMethod: string | undefined;
}

/**
 * The checkout API: `POST /checkout` opens a cart (cart_view), then `/:id/shipping`,
 * `/:id/payment` (the payment page), `/:id/pay` (authorisation: 402 declined, 504 timeout),
 * `/:id/confirm` (the order; revenue) and `/:id/leave`. Idle journeys are abandoned by the sweeper.
 */
export function checkoutRouter(biz: BizMetrics, state: ShopState): Router {
  const funnel = biz.funnel('checkout', CHECKOUT_STEPS, { conversionType: 'purchase' });
  const paymentFailures = biz.counter(shopCatalog.paymentFailures);
  const orderFailures = biz.counter(shopCatalog.orderFailures);
  biz.prime(shopCatalog.orderFailures, [{}]);
  for (const reason of ['declined', 'timeout'] as const)
    biz.prime(shopCatalog.paymentFailures, [{ reason, payment_method: 'card' }]);
  const checkouts = state.idleMap<Checkout>((c) => c.journey.end());
  const store = createStore(biz);
  const router = Router();

  const find = (req: Request, res: Response): Checkout | undefined => {
    const c = checkouts.touch(String(req.params['id']));
    if (!c) res.status(404).json({ error: 'unknown or expired checkout' });
    return c;
  };

  router.post('/', async (req, res) => {
    const b = req.body ?? {};
    const cartMinor = Number(b.cartMinor);
    if (!Number.isInteger(cartMinor) || cartMinor <= 0 || !isCurrencyCode(b.currency)) {
      res.status(400).json({ error: 'cartMinor (positive integer) and currency (ISO 4217) are required' });
      return;
    }
    const journey = funnel.start({
      source: String(b.source ?? 'direct'),
      device_type: String(b.device_type ?? 'desktop'),
      experiment_variant: String(b.experiment_variant ?? 'control'),
    });
    await store.readProduct();
    journey.step('cart_view');
    const id = randomUUID();
    checkouts.add(id, {
      journey,
      region: String(b.region ?? 'unknown'),
      currency: b.currency,
      category: String(b.product_category ?? 'other'),
      cartMinor,
      paymentMethod: undefined,
    });
    res.status(201).json({ id });
  });

  for (const step of ['shipping', 'payment'] as const)
    router.post(`/:id/${step}`, (req, res) => {
      const c = find(req, res);
      if (!c) return;
      c.journey.step(step);
      res.json({ step });
    });

  router.post('/:id/pay', async (req, res) => {
    const c = find(req, res);
    if (!c) return;
    const method = String(req.body?.method ?? 'card');
    const outcome = paymentOutcome(state.random, state.incident());
    if (outcome === 'timeout') await new Promise((r) => setTimeout(r, state.paymentTimeoutMs));
    if (outcome !== 'approved') {
      paymentFailures.add(1, { reason: outcome, payment_method: method });
      res.status(outcome === 'declined' ? 402 : 504).json({ error: `payment ${outcome}` });
      return;
    }
    c.paymentMethod = method;
    c.journey.step('review');
    res.json({ step: 'review' });
  });

  router.post('/:id/confirm', async (req, res) => {
    const c = find(req, res);
    if (!c) return;
    if (!c.paymentMethod) {
      res.status(409).json({ error: 'not paid' });
      return;
    }
    const incident = state.incident();
    if (incident && state.random() < incident.confirmFailure) {
      orderFailures.add(1, {});
      res.status(500).json({ error: 'order service failed' });
      return;
    }
    const totalMinor = Math.max(1, Math.round(c.cartMinor * (incident?.priceFactor ?? 1)));
    await store.saveOrder();
    c.journey.step('confirmed');
    biz.revenue({
      amountMinor: totalMinor,
      currency: c.currency,
      product_category: c.category,
      payment_method: c.paymentMethod,
      region: c.region,
    });
    checkouts.delete(String(req.params['id']));
    res.json({ step: 'confirmed', totalMinor, currency: c.currency });
  });

  router.post('/:id/leave', (req, res) => {
    const c = checkouts.delete(String(req.params['id']));
    c?.journey.end();
    res.status(c ? 204 : 404).end();
  });

  return router;
}
