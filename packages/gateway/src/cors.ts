import type { IncomingMessage, ServerResponse } from 'node:http';

/** Which origins may send; `'*'` allows any (only for local development). */
export type AllowedOrigins = readonly string[] | '*';

/** The header carrying the optional ingest key. */
export const INGEST_KEY_HEADER = 'x-bizmetrics-ingest-key';

/** True when the request's `Origin` is allowed. A request without one is refused unless `'*'`. */
export function originAllowed(req: IncomingMessage, allowed: AllowedOrigins): boolean {
  const origin = req.headers.origin;
  if (allowed === '*') return true;
  return typeof origin === 'string' && allowed.includes(origin);
}

/** Sets the CORS response headers for an allowed origin. */
export function setCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
}

/** Answers a CORS preflight for an allowed origin: POST with a content type (and the ingest key), cached for 10 minutes. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  setCorsHeaders(req, res);
  res.setHeader('Access-Control-Allow-Methods', 'POST');
  res.setHeader('Access-Control-Allow-Headers', `Content-Type, ${INGEST_KEY_HEADER}`);
  res.setHeader('Access-Control-Max-Age', '600');
  res.writeHead(204).end();
}
