/** What an incident (or a holiday) changes while it lasts; 1 (or absent) changes nothing. */
export interface Effect {
  /** Multiplies visitors: sessions and cart views (0: a total collapse; 3: a marketing spike). */
  readonly traffic?: number;
  /** Multiplies review → confirmed conversion (a checkout bug, a slow burn). */
  readonly confirm?: number;
  /** Orders from this region fail at the last step: their revenue stops (a regional outage). */
  readonly regionDown?: 'eu' | 'us';
  /** Journeys paying with this method fail at payment → review (a payment provider outage). */
  readonly methodDown?: 'card' | 'paypal';
  /** Multiplies order values (a pricing bug: traffic and conversion stay normal). */
  readonly orderValue?: number;
}

/** The incident classes the simulation scores. */
export const INCIDENT_CLASSES = [
  'total collapse',
  'partial outage (one region)',
  'payment provider outage',
  'slow burn (−20 % over 6 h)',
  'marketing spike with a checkout bug',
  'revenue drop after a holiday in the baseline',
  'collapse at night (low traffic)',
] as const;
export type IncidentClass = (typeof INCIDENT_CLASSES)[number];

/** An injected incident. */
export interface Incident {
  readonly class: IncidentClass;
  readonly startMinute: number;
  readonly minutes: number;
  readonly effect: Effect;
  /** Factors move linearly from 1 to the effect's over these first minutes (a slow burn). */
  readonly rampMinutes?: number;
}

/** A day whose traffic differs (a public holiday): in the history, so baselines must not follow it. */
export interface Holiday {
  readonly day: number;
  readonly traffic: number;
}

const WEEK = 10_080;
const at = (week: number, day: number, hour: number, minute = 0) =>
  week * WEEK + day * 1440 + hour * 60 + minute;

/** A Thursday in the third week of history: the next two Thursdays' baselines contain it. */
export const DEFAULT_HOLIDAYS: readonly Holiday[] = [{ day: 2 * 7 + 3, traffic: 0.45 }];

/**
 * Four of each class in weeks 4 and 5 (two of each long class), at different weekdays and hours,
 * after three weeks of history (the baseline's median needs three). None overlaps another or the
 * hour after it.
 */
export const DEFAULT_INCIDENTS: readonly Incident[] = [
  ...[at(3, 1, 20), at(3, 5, 12), at(4, 0, 11), at(4, 3, 19, 30)].map((startMinute) => ({
    class: 'total collapse' as const,
    startMinute,
    minutes: 45,
    effect: { traffic: 0 },
  })),
  ...[at(3, 0, 15), at(3, 3, 10), at(4, 1, 16), at(4, 5, 15)].map((startMinute, i) => ({
    class: 'partial outage (one region)' as const,
    startMinute,
    minutes: 60,
    effect: { regionDown: i % 2 ? ('eu' as const) : ('us' as const) },
  })),
  ...[at(3, 0, 19), at(3, 4, 13), at(4, 2, 18), at(4, 6, 17)].map((startMinute) => ({
    class: 'payment provider outage' as const,
    startMinute,
    minutes: 45,
    effect: { methodDown: 'paypal' as const },
  })),
  ...[at(3, 2, 6), at(4, 4, 6)].map((startMinute) => ({
    class: 'slow burn (−20 % over 6 h)' as const,
    startMinute,
    minutes: 12 * 60,
    rampMinutes: 6 * 60,
    effect: { confirm: 0.8 },
  })),
  ...[at(3, 6, 14), at(4, 0, 19)].map((startMinute) => ({
    class: 'marketing spike with a checkout bug' as const,
    startMinute,
    minutes: 3 * 60,
    effect: { traffic: 3, confirm: 0.5 },
  })),
  ...[at(3, 3, 16), at(4, 3, 15)].map((startMinute) => ({
    class: 'revenue drop after a holiday in the baseline' as const,
    startMinute,
    minutes: 60,
    effect: { orderValue: 0.4 },
  })),
  ...[at(3, 1, 3), at(3, 6, 2, 30), at(4, 2, 3, 30), at(4, 5, 4)].map((startMinute) => ({
    class: 'collapse at night (low traffic)' as const,
    startMinute,
    minutes: 45,
    effect: { traffic: 0 },
  })),
];

/** Required<Effect> where nothing changed. */
export interface Combined {
  traffic: number;
  confirm: number;
  orderValue: number;
  regionDown: Set<'eu' | 'us'>;
  methodDown: Set<'card' | 'paypal'>;
}

/** The combined effect of the incidents and holidays active at `minute`. */
export function effectAt(
  incidents: readonly Incident[],
  holidays: readonly Holiday[],
  minute: number,
): Combined {
  const e: Combined = { traffic: 1, confirm: 1, orderValue: 1, regionDown: new Set(), methodDown: new Set() };
  for (const h of holidays) if (Math.floor(minute / 1440) === h.day) e.traffic *= h.traffic;
  for (const i of incidents) {
    const k = minute - i.startMinute;
    if (k < 0 || k >= i.minutes) continue;
    const ramp = i.rampMinutes ? Math.min(1, (k + 1) / i.rampMinutes) : 1;
    const f = (x: number | undefined) => 1 + ((x ?? 1) - 1) * ramp;
    e.traffic *= f(i.effect.traffic);
    e.confirm *= f(i.effect.confirm);
    e.orderValue *= f(i.effect.orderValue);
    if (i.effect.regionDown) e.regionDown.add(i.effect.regionDown);
    if (i.effect.methodDown) e.methodDown.add(i.effect.methodDown);
  }
  return e;
}
