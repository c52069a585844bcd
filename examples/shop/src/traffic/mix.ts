/** Where a region pays, and how many minor units one US dollar is there (for realistic order values). */
export interface RegionSpec {
  readonly currency: 'USD' | 'EUR' | 'GBP' | 'JPY';
  readonly minorPerUsd: number;
}

/**
 * The shape of the simulated audience: shares (weights) of each kind of visitor, and how each kind
 * moves through the checkout. Weights need not sum to 1.
 */
export interface TrafficMix {
  readonly sources: Readonly<Record<string, number>>;
  readonly devices: Readonly<Record<'desktop' | 'mobile' | 'tablet', number>>;
  readonly variants: Readonly<Record<string, number>>;
  readonly regions: Readonly<Record<string, number>>;
  readonly regionSpecs: Readonly<Record<string, RegionSpec>>;
  readonly tiers: Readonly<Record<'free' | 'premium' | 'enterprise', number>>;
  readonly entryPages: Readonly<Record<string, number>>;
  /** Median cart value in US cents, per product category (weights are the category shares). */
  readonly categories: Readonly<Record<string, { readonly weight: number; readonly medianUsdCents: number }>>;
  readonly features: Readonly<Record<string, number>>;
  /** Share of visitors who are new users. */
  readonly newUserShare: number;
  /** Mean feature uses per session, for new and returning users. */
  readonly featureUses: { readonly newUser: number; readonly returning: number };
  /** Share of sessions that open the cart (start the checkout funnel). */
  readonly checkoutShare: number;
  /**
   * Probability of going on at each step: cart_view → shipping → payment, submitting the payment
   * (`pay`; the provider may still decline it), and review → confirmed.
   */
  readonly continueTo: {
    readonly shipping: number;
    readonly payment: number;
    readonly pay: number;
    readonly confirm: number;
  };
  /** Multipliers on every continuation probability, by source and device (missing: 1). */
  readonly sourceLift: Readonly<Record<string, number>>;
  readonly deviceLift: Readonly<Record<string, number>>;
  /** Share of declined payments retried once with another method. */
  readonly retryAfterDecline: number;
  readonly paymentMethods: Readonly<Record<string, number>>;
  /** Spread of order values (sigma of the log-normal). */
  readonly orderValueSigma: number;
}

/** A plausible mid-size web shop: mostly search and direct traffic, mobile-heavy, four regions. */
export const DEFAULT_MIX: TrafficMix = {
  sources: { google: 40, direct: 25, email: 12, facebook: 10, instagram: 8, affiliate: 5 },
  devices: { mobile: 55, desktop: 38, tablet: 7 },
  variants: { control: 50, one_page_checkout: 50 },
  regions: { 'us-east': 40, 'eu-west': 35, uk: 15, japan: 10 },
  regionSpecs: {
    'us-east': { currency: 'USD', minorPerUsd: 100 },
    'eu-west': { currency: 'EUR', minorPerUsd: 92 },
    uk: { currency: 'GBP', minorPerUsd: 79 },
    japan: { currency: 'JPY', minorPerUsd: 150 },
  },
  tiers: { free: 70, premium: 25, enterprise: 5 },
  entryPages: { '/': 45, '/search': 25, '/products/:id': 20, '/deals': 10 },
  categories: {
    books: { weight: 30, medianUsdCents: 2500 },
    apparel: { weight: 30, medianUsdCents: 6000 },
    home: { weight: 25, medianUsdCents: 9000 },
    electronics: { weight: 15, medianUsdCents: 25000 },
  },
  features: { search: 40, filters: 20, wishlist: 15, compare: 10, reviews: 15 },
  newUserShare: 0.3,
  featureUses: { newUser: 2, returning: 1.5 },
  checkoutShare: 0.6,
  continueTo: { shipping: 0.8, payment: 0.88, pay: 0.95, confirm: 0.93 },
  sourceLift: { email: 1.05, facebook: 0.95, instagram: 0.93, affiliate: 0.97 },
  deviceLift: { desktop: 1.03, mobile: 0.98 },
  retryAfterDecline: 0.5,
  paymentMethods: { card: 65, paypal: 25, apple_pay: 10 },
  orderValueSigma: 0.6,
};
