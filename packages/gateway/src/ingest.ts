// `@bizmetrics/gateway/ingest`: the ingest path's parts: the client key rate limits count by, and the OTLP response decoder.

export { type ClientKeyOptions, createClientKey } from './client-key.ts';
export { decodeResponse } from './decode.ts';
