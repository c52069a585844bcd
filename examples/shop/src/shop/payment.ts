import type { Incident } from './incidents.ts';

/** Normal behaviour of the simulated payment provider. */
export const NORMAL_PAYMENTS = { declineRate: 0.03, timeoutRate: 0.01 } as const;

/** The provider's answer to one authorisation. */
export type PaymentOutcome = 'approved' | 'declined' | 'timeout';

/**
 * Draws one authorisation outcome: normal declines and timeouts, plus the incident's failures
 * (half declines, half timeouts, as a failing provider does).
 */
export function paymentOutcome(random: () => number, incident: Incident | undefined): PaymentOutcome {
  const extra = incident?.paymentFailure ?? 0;
  if (extra > 0 && random() < extra) return random() < 0.5 ? 'declined' : 'timeout';
  const r = random();
  if (r < NORMAL_PAYMENTS.declineRate) return 'declined';
  if (r < NORMAL_PAYMENTS.declineRate + NORMAL_PAYMENTS.timeoutRate) return 'timeout';
  return 'approved';
}
