/** The incidents the shop can simulate, each named after what breaks. */
export const INCIDENT_NAMES = [
  'payment-outage',
  'conversion-drop',
  'revenue-drop',
  'engagement-drop',
] as const;
export type IncidentName = (typeof INCIDENT_NAMES)[number];

/** What an incident does to the shop, and the alert of the demo rules that should catch it. */
export interface Incident {
  readonly name: IncidentName;
  readonly description: string;
  /** The alert that fires when this incident lasts. */
  readonly alert: string;
  /** Share of payment authorisations that fail (on top of normal declines). */
  readonly paymentFailure: number;
  /** Share of order confirmations that fail, so the journey is abandoned at review. */
  readonly confirmFailure: number;
  /** Factor on every order total (a pricing bug: traffic and conversion stay normal). */
  readonly priceFactor: number;
  /** True when features refuse new users (a broken onboarding), so new users stop using them. */
  readonly newUserFeaturesDown: boolean;
}

const NONE = { paymentFailure: 0, confirmFailure: 0, priceFactor: 1, newUserFeaturesDown: false };

/** Every incident by name. */
export const INCIDENTS: Readonly<Record<IncidentName, Incident>> = {
  'payment-outage': {
    ...NONE,
    name: 'payment-outage',
    description: 'the payment provider declines or times out every payment',
    alert: 'PaymentStepConversionDrop',
    paymentFailure: 1,
  },
  'conversion-drop': {
    ...NONE,
    name: 'conversion-drop',
    description: 'placing the order fails for half the journeys, which are abandoned at review',
    alert: 'ConversionRateDrop',
    confirmFailure: 0.5,
  },
  'revenue-drop': {
    ...NONE,
    name: 'revenue-drop',
    description: 'a pricing bug charges a tenth of every order; traffic and conversion stay normal',
    alert: 'RevenueBelowBaseline',
    priceFactor: 0.1,
  },
  'engagement-drop': {
    ...NONE,
    name: 'engagement-drop',
    description: 'features refuse new users (broken onboarding), so new users stop using them',
    alert: 'NewUserEngagementDrop',
    newUserFeaturesDown: true,
  },
};

/** True for a known incident name. */
export function isIncidentName(name: unknown): name is IncidentName {
  return typeof name === 'string' && (INCIDENT_NAMES as readonly string[]).includes(name);
}

/** Parses an incident name, throwing an error that lists the accepted names. */
export function parseIncident(name: string): IncidentName {
  if (!isIncidentName(name))
    throw new Error(`unknown incident "${name}": use one of ${INCIDENT_NAMES.join(', ')}`);
  return name;
}
