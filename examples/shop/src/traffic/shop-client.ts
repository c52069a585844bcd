import { setTimeout as sleep } from 'node:timers/promises';
import type { VisitPlan } from './visit-plan.ts';

/** What happened on one visit, as the shop answered. */
export interface VisitOutcome {
  readonly reached: string | undefined;
  readonly paymentFailures: number;
  readonly featureRefusals: number;
  readonly errors: number;
  readonly totalMinor?: number;
}

/**
 * Plays one visit against the shop's HTTP API at `baseUrl`, reacting to its answers like a shopper;
 * `thinkMs()` is the pause before each request after the first (reading a page).
 */
export async function playVisit(
  baseUrl: string,
  plan: VisitPlan,
  thinkMs: () => number = () => 0,
  signal?: AbortSignal,
): Promise<VisitOutcome> {
  let first = true;
  const post = async (path: string, body: unknown = {}) => {
    const pause = first ? 0 : thinkMs();
    first = false;
    if (pause > 0) await sleep(pause, undefined, { signal });
    const res = await fetch(`${baseUrl}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(10_000)]) : AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  let errors = 0;
  let featureRefusals = 0;
  const session = await post('/sessions', {
    userId: plan.userId,
    tier: plan.tier,
    newUser: plan.newUser,
    entryPage: plan.entryPage,
  });
  const sid = String(session.body['id']);
  for (const feature of plan.features) {
    const r = await post(`/sessions/${sid}/features`, { feature });
    if (r.status === 503) {
      featureRefusals++;
      break; // a broken feature is not tried again in this visit
    }
    if (r.status >= 400) errors++;
  }
  if (plan.milestone && featureRefusals === 0)
    await post(`/sessions/${sid}/milestones`, { milestone: plan.milestone });
  const outcome = plan.checkout ? await playCheckout(post, plan) : { reached: undefined, paymentFailures: 0 };
  await post(`/sessions/${sid}/end`);
  return { ...outcome, featureRefusals, errors };
}

type Post = (path: string, body?: unknown) => Promise<{ status: number; body: Record<string, unknown> }>;

async function playCheckout(
  post: Post,
  plan: VisitPlan,
): Promise<Omit<VisitOutcome, 'featureRefusals' | 'errors'>> {
  const c = plan.checkout!;
  const { paymentMethod, retryAfterDecline, intent, ...cart } = c;
  const created = await post('/checkout', cart);
  const id = String(created.body['id']);
  let reached = 'cart_view';
  let paymentFailures = 0;
  const order = ['cart_view', 'shipping', 'payment', 'review', 'confirmed'];
  const wants = (step: string) => order.indexOf(intent) >= order.indexOf(step);
  const leave = async () => {
    await post(`/checkout/${id}/leave`);
    return { reached, paymentFailures };
  };
  for (const step of ['shipping', 'payment'] as const) {
    if (!wants(step)) return leave();
    await post(`/checkout/${id}/${step}`);
    reached = step;
  }
  if (!wants('review')) return leave();
  let paid = await post(`/checkout/${id}/pay`, { method: paymentMethod });
  if (paid.status !== 200) {
    paymentFailures++;
    if (paid.status === 402 && retryAfterDecline) {
      paid = await post(`/checkout/${id}/pay`, { method: paymentMethod === 'card' ? 'paypal' : 'card' });
      if (paid.status !== 200) paymentFailures++;
    }
  }
  if (paid.status !== 200) return leave();
  reached = 'review';
  if (!wants('confirmed')) return leave();
  const confirmed = await post(`/checkout/${id}/confirm`);
  if (confirmed.status !== 200) return leave();
  return { reached: 'confirmed', paymentFailures, totalMinor: Number(confirmed.body['totalMinor']) };
}
