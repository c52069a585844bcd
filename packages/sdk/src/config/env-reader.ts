import { parseKeyPairsIntoRecord } from '@opentelemetry/core';
import { BizMetricsConfigError } from './errors.ts';

/** Environment variables as a plain record (process.env, or a record given in tests). */
export type Env = Readonly<Record<string, string | undefined>>;

/** Typed, validating reads of OTEL_* variables; every failure names the variable. */
export interface EnvReader {
  /** A trimmed non-empty value, or undefined. */
  string(name: string): string | undefined;
  oneOf<T extends string>(name: string, accepted: readonly T[], fallback: T): T;
  /** A comma list of accepted values, e.g. OTEL_METRICS_EXPORTER=prometheus,otlp. */
  listOf<T extends string>(name: string, accepted: readonly T[], fallback: readonly T[]): T[];
  integer(name: string, fallback: number, min: number, max: number): number;
  /** A number above zero (an integer when `integer`), e.g. a rate per second or a size limit. */
  positive(name: string, fallback: number, integer: boolean): number;
  boolean(name: string, fallback: boolean): boolean;
  /** `key=value,key2=value2` with URL-encoded values (W3C baggage format, as the spec says). */
  keyPairs(name: string): Record<string, string>;
  url(name: string, value: string): URL;
}

/** Creates a reader over an environment record. */
export function createEnvReader(env: Env): EnvReader {
  const string = (name: string) => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  return {
    string,
    oneOf(name, accepted, fallback) {
      const raw = string(name);
      if (raw === undefined) return fallback;
      const v = raw.toLowerCase();
      if (!(accepted as readonly string[]).includes(v))
        throw new BizMetricsConfigError(name, raw, `one of ${accepted.join(', ')}`);
      return v as (typeof accepted)[number];
    },
    listOf(name, accepted, fallback) {
      const raw = string(name);
      if (raw === undefined) return [...fallback];
      const items = raw.split(',').map((s) => s.trim().toLowerCase());
      for (const item of items)
        if (!(accepted as readonly string[]).includes(item))
          throw new BizMetricsConfigError(name, raw, `a comma list of ${accepted.join(', ')}`);
      return [...new Set(items)] as (typeof accepted)[number][];
    },
    integer(name, fallback, min, max) {
      const raw = string(name);
      if (raw === undefined) return fallback;
      const v = Number(raw);
      if (!/^\d+$/.test(raw) || !Number.isSafeInteger(v) || v < min || v > max)
        throw new BizMetricsConfigError(name, raw, `an integer from ${min} to ${max}`);
      return v;
    },
    positive(name, fallback, integer) {
      const raw = string(name);
      if (raw === undefined) return fallback;
      const v = Number(raw);
      if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isSafeInteger(v)))
        throw new BizMetricsConfigError(
          name,
          raw,
          `a positive ${integer ? 'integer' : 'number'} (default ${fallback})`,
        );
      return v;
    },
    boolean(name, fallback) {
      const raw = string(name);
      if (raw === undefined) return fallback;
      const v = raw.toLowerCase();
      if (v !== 'true' && v !== 'false') throw new BizMetricsConfigError(name, raw, 'true or false');
      return v === 'true';
    },
    keyPairs(name) {
      const raw = string(name);
      if (raw === undefined) return {};
      for (const pair of raw.split(',')) {
        const eq = pair.indexOf('=');
        if (eq <= 0 || pair.slice(0, eq).trim() === '')
          throw new BizMetricsConfigError(name, raw, 'comma-separated key=value pairs (values URL-encoded)');
      }
      return parseKeyPairsIntoRecord(raw);
    },
    url(name, value) {
      try {
        const url = new URL(value);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
        return url;
      } catch {
        throw new BizMetricsConfigError(name, value, 'an absolute http:// or https:// URL');
      }
    },
  };
}
