import { type IncidentName, parseIncident } from './incidents.ts';

/** The shop's settings; metrics exporters come from the standard OTEL_* variables. */
export interface ShopEnv {
  /** `SHOP_HOST`, default 127.0.0.1. */
  readonly host: string;
  /** `SHOP_PORT`, default 3000 (0: any free port). */
  readonly port: number;
  /** `SHOP_INCIDENT`: an incident active from the start. */
  readonly incident: IncidentName | undefined;
  /** `SHOP_SEED`: seed of the shop's own randomness (declines), default 7. */
  readonly seed: number;
  /** `SHOP_PAYMENT_TIMEOUT_MS`: how long a timed-out payment hangs, default 1000. */
  readonly paymentTimeoutMs: number;
  /** `SHOP_IDLE_SECONDS`: journeys and sessions idle this long are ended (abandoned), default 20. */
  readonly idleSeconds: number;
  /** `SHOP_WEB_DIR`: static site served at `/` (default: examples/web/dist when built). */
  readonly webDir: string | undefined;
}

/** Reads the shop's settings; a bad value throws an error naming the variable and what it accepts. */
export function readShopEnv(env: NodeJS.ProcessEnv = process.env): ShopEnv {
  return {
    host: env['SHOP_HOST'] || '127.0.0.1',
    port: integer(env, 'SHOP_PORT', 3000, 0, 65535),
    incident: env['SHOP_INCIDENT'] ? parseIncident(env['SHOP_INCIDENT']) : undefined,
    seed: integer(env, 'SHOP_SEED', 7, 0, 2 ** 32 - 1),
    paymentTimeoutMs: integer(env, 'SHOP_PAYMENT_TIMEOUT_MS', 1000, 0, 60_000),
    idleSeconds: integer(env, 'SHOP_IDLE_SECONDS', 20, 1, 86_400),
    webDir: env['SHOP_WEB_DIR'] || undefined,
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name}="${raw}" is not an integer from ${min} to ${max}`);
  return n;
}
