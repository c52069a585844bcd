import { parseDuration } from '@bizmetrics/core/prometheus';
import type { PrometheusAuth } from '../prometheus/client.ts';

/** A request field with a value the library cannot use; `field` is the request's key (e.g. `range`). */
/** Also thrown for cost requests: the field is the request's key. */
export class CorrelateRequestError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'CorrelateRequestError';
    this.field = field;
  }
}

/** Credentials from a request: a bearer token or `user:password`, not both. */
export function auth(request: {
  readonly bearerToken?: string;
  readonly basicAuth?: string;
}): PrometheusAuth | undefined {
  if (request.bearerToken && request.basicAuth)
    throw new CorrelateRequestError('bearerToken', 'give either a bearer token or basic auth, not both');
  if (request.bearerToken) return { bearerToken: request.bearerToken };
  if (!request.basicAuth) return undefined;
  const colon = request.basicAuth.indexOf(':');
  if (colon < 1) throw new CorrelateRequestError('basicAuth', 'must be user:password');
  return { username: request.basicAuth.slice(0, colon), password: request.basicAuth.slice(colon + 1) };
}

export function parseTime(field: string, text: string | undefined, now: Date): Date {
  if (text === undefined) return now;
  const date = /^\d+(\.\d+)?$/.test(text) ? new Date(Number(text) * 1000) : new Date(text);
  if (Number.isNaN(date.getTime()))
    throw new CorrelateRequestError(
      field,
      `"${text}" is neither ISO 8601 (2026-11-28T12:00:00Z) nor Unix seconds`,
    );
  return date;
}

export function duration(field: string, text: string): number {
  let seconds: number;
  try {
    seconds = parseDuration(text);
  } catch (error) {
    throw new CorrelateRequestError(field, (error as Error).message);
  }
  if (!(seconds > 0)) throw new CorrelateRequestError(field, `must be positive, got "${text}"`);
  return seconds;
}

export function number(field: string, given: number | string, allowZero = false): number {
  const value = Number(given);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0))
    throw new CorrelateRequestError(
      field,
      `must be a ${allowZero ? 'non-negative' : 'positive'} number, got "${given}"`,
    );
  return value;
}
