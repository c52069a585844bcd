/** What an incident changes while it lasts. */
export interface IncidentEffect {
  /** Multiplies review → confirmed conversion. */
  readonly confirmFactor?: number;
  /** Multiplies payment → review conversion (a payment outage). */
  readonly paymentFactor?: number;
  /** Multiplies order values (a pricing bug: traffic and conversion stay normal). */
  readonly orderValueFactor?: number;
  /** Multiplies feature uses by new users. */
  readonly newUserUsageFactor?: number;
}

/** An injected incident. */
export interface Incident {
  readonly name: string;
  readonly startMinute: number;
  readonly minutes: number;
  readonly effect: IncidentEffect;
}

const at = (week: number, day: number, hour: number, minute = 0) =>
  week * 10_080 + day * 1440 + hour * 60 + minute;

/**
 * The four incidents of the issue, in the second and third simulated weeks (the first is the
 * baseline that `offset 1w` and 7-day averages read), at different hours and weekdays.
 */
export const DEFAULT_INCIDENTS: readonly Incident[] = [
  {
    name: 'checkout conversion halves (30 min)',
    startMinute: at(1, 1, 14),
    minutes: 30,
    effect: { confirmFactor: 0.5 },
  },
  {
    name: 'payment outage (45 min)',
    startMinute: at(1, 3, 19, 10),
    minutes: 45,
    effect: { paymentFactor: 0.05 },
  },
  {
    name: 'revenue drop, normal traffic (60 min)',
    startMinute: at(2, 2, 11),
    minutes: 60,
    effect: { orderValueFactor: 0.4 },
  },
  {
    name: 'new-user engagement drop (3 h)',
    startMinute: at(2, 5, 13),
    minutes: 180,
    effect: { newUserUsageFactor: 0.3 },
  },
];

/** The combined effect of the incidents active at `minute`. */
export function effectAt(incidents: readonly Incident[], minute: number): Required<IncidentEffect> {
  const e = { confirmFactor: 1, paymentFactor: 1, orderValueFactor: 1, newUserUsageFactor: 1 };
  for (const i of incidents) {
    if (minute < i.startMinute || minute >= i.startMinute + i.minutes) continue;
    e.confirmFactor *= i.effect.confirmFactor ?? 1;
    e.paymentFactor *= i.effect.paymentFactor ?? 1;
    e.orderValueFactor *= i.effect.orderValueFactor ?? 1;
    e.newUserUsageFactor *= i.effect.newUserUsageFactor ?? 1;
  }
  return e;
}
