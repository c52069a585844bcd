import { createRng } from '@bizmetrics/core/random';
import { createIdleMap, type IdleMap } from './idle-map.ts';
import { INCIDENTS, type Incident, type IncidentName } from './incidents.ts';

/** What the shop's routes share: the current incident, seeded randomness and expiring state. */
export interface ShopState {
  incident(): Incident | undefined;
  setIncident(name: IncidentName | undefined): void;
  readonly random: () => number;
  readonly paymentTimeoutMs: number;
  /** A map of live journeys or sessions, ended by {@link ShopState.sweep} once idle. */
  idleMap<V>(onExpire: (value: V) => void): IdleMap<V>;
  /** Ends idle journeys and sessions. */
  sweep(now?: number): void;
  /** Ends every live journey and session (at shutdown). */
  endAll(): void;
}

/** Options for {@link createShopState}. */
export interface ShopStateOptions {
  readonly seed: number;
  readonly idleSeconds: number;
  readonly paymentTimeoutMs: number;
  readonly incident?: IncidentName | undefined;
}

/** Creates the shop's shared state. */
export function createShopState(options: ShopStateOptions): ShopState {
  let current = options.incident ? INCIDENTS[options.incident] : undefined;
  const maps: IdleMap<never>[] = [];
  const rng = createRng(options.seed);
  return {
    incident: () => current,
    setIncident: (name) => {
      current = name ? INCIDENTS[name] : undefined;
    },
    random: rng.next,
    paymentTimeoutMs: options.paymentTimeoutMs,
    idleMap<V>(onExpire: (value: V) => void) {
      const map = createIdleMap<V>(options.idleSeconds * 1000, onExpire);
      maps.push(map as IdleMap<never>);
      return map;
    },
    sweep: (now) => {
      for (const m of maps) m.sweep(now);
    },
    endAll: () => {
      for (const m of maps) m.clear();
    },
  };
}
