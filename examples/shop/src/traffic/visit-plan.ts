import type { Rng } from '@bizmetrics/core/random';
import type { TrafficMix } from './mix.ts';

/** How far a shopper means to go; `review` pays but leaves before placing the order. */
export type Intent = 'cart_view' | 'shipping' | 'payment' | 'review' | 'confirmed';

/** One checkout a visitor means to make. */
export interface CheckoutPlan {
  readonly source: string;
  readonly device_type: string;
  readonly experiment_variant: string;
  readonly region: string;
  readonly currency: string;
  readonly product_category: string;
  readonly cartMinor: number;
  readonly paymentMethod: string;
  /** After a declined payment, try once more with another method. */
  readonly retryAfterDecline: boolean;
  readonly intent: Intent;
}

/** One visit, drawn up front; what the shop answers can still cut it short. */
export interface VisitPlan {
  readonly userId: string;
  readonly tier: 'free' | 'premium' | 'enterprise';
  readonly newUser: boolean;
  readonly entryPage: string;
  readonly features: readonly string[];
  readonly milestone: string | undefined;
  readonly checkout: CheckoutPlan | undefined;
}

const RETURNING_USERS = 5000;

/** Draws one visit from the mix. `visitNumber` makes new users' ids unique. */
export function planVisit(rng: Rng, mix: TrafficMix, visitNumber: number): VisitPlan {
  const newUser = rng.chance(mix.newUserShare);
  const userId = newUser ? `new-${visitNumber}` : `user-${Math.floor(rng.next() * RETURNING_USERS)}`;
  const features = Array.from(
    { length: rng.poisson(newUser ? mix.featureUses.newUser : mix.featureUses.returning) },
    () => rng.pick(mix.features),
  );
  const checkout = rng.chance(mix.checkoutShare) ? planCheckout(rng, mix) : undefined;
  const milestone =
    newUser && features.length > 0 && rng.chance(0.3)
      ? 'first_wishlist'
      : checkout?.intent === 'confirmed' && newUser
        ? 'first_order'
        : undefined;
  return {
    userId,
    tier: rng.pick(mix.tiers),
    newUser,
    entryPage: rng.pick(mix.entryPages),
    features,
    milestone,
    checkout,
  };
}

function planCheckout(rng: Rng, mix: TrafficMix): CheckoutPlan {
  const source = rng.pick(mix.sources);
  const device_type = rng.pick(mix.devices);
  const region = rng.pick(mix.regions);
  const spec = mix.regionSpecs[region]!;
  const categoryWeights = Object.fromEntries(Object.entries(mix.categories).map(([k, v]) => [k, v.weight]));
  const product_category = rng.pick(categoryWeights);
  const usdCents = rng.logNormal(mix.categories[product_category]!.medianUsdCents, mix.orderValueSigma);
  const lift = (mix.sourceLift[source] ?? 1) * (mix.deviceLift[device_type] ?? 1);
  const goesOn = (p: number) => rng.chance(Math.min(1, p * lift));
  const steps: Intent[] = ['cart_view', 'shipping', 'payment', 'review', 'confirmed'];
  const chances = [
    mix.continueTo.shipping,
    mix.continueTo.payment,
    mix.continueTo.pay,
    mix.continueTo.confirm,
  ];
  let reached = 0;
  while (reached < chances.length && goesOn(chances[reached]!)) reached++;
  return {
    source,
    device_type,
    experiment_variant: rng.pick(mix.variants),
    region,
    currency: spec.currency,
    product_category,
    cartMinor: Math.max(1, Math.round((usdCents * spec.minorPerUsd) / 100)),
    paymentMethod: rng.pick(mix.paymentMethods),
    retryAfterDecline: rng.chance(mix.retryAfterDecline),
    intent: steps[reached]!,
  };
}
