import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/** A parsed collector config (or one file of it). */
export type ConfigMap = { [key: string]: unknown };

/** The collector folder (this file is collector/src/compose.ts). */
export const COLLECTOR_DIR = resolve(import.meta.dirname, '..');

const isMap = (v: unknown): v is ConfigMap => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Merges `overlay` into `base` the way the collector merges several `--config` files: maps merge
 * key by key, recursively; anything else, lists included, is replaced by the later file.
 */
export function mergeConfigs(base: ConfigMap, overlay: ConfigMap): ConfigMap {
  const out: ConfigMap = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const prev = out[key];
    out[key] = isMap(prev) && isMap(value) ? mergeConfigs(prev, value) : value;
  }
  return out;
}

/** Reads a YAML file of the collector folder (path relative to it). */
export function readConfig(file: string): ConfigMap {
  const parsed: unknown = parse(readFileSync(join(COLLECTOR_DIR, file), 'utf8'));
  if (!isMap(parsed)) throw new Error(`${file} is not a YAML map`);
  return parsed;
}

/** The config the collector runs for `--config a --config b ...`, files relative to collector/. */
export function composeFiles(files: readonly string[]): ConfigMap {
  return files.map(readConfig).reduce(mergeConfigs, {});
}

/** Every `${env:VAR}` or `${env:VAR:-default}` reference in a text, with its default. */
export function envReferences(text: string): { name: string; fallback: string | undefined }[] {
  return [...text.matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g)].map((m) => ({
    name: m[1]!,
    fallback: m[2],
  }));
}

/** The files every deployment passes first: the base and the generated catalog processor. */
export const BASE_FILES = ['base.yaml', 'catalog.yaml'] as const;

/** Exporter overlays, one per backend, by name. */
export const EXPORTER_OVERLAYS = {
  prometheus: 'exporters/prometheus.yaml',
  'remote-write': 'exporters/remote-write.yaml',
  'otlp-http': 'exporters/otlp-http.yaml',
  debug: 'exporters/debug.yaml',
  'load-balancing': 'exporters/load-balancing.yaml',
  'load-balancing-dns': 'exporters/load-balancing-dns.yaml',
} as const;

/**
 * Optional overlays, passed between the catalog and the exporter overlay. They set no pipeline list,
 * so they compose with every exporter overlay.
 */
export const OPTIONAL_OVERLAYS = {
  /** TLS on the in-cluster OTLP receivers; mutual TLS with `BIZMETRICS_TLS_CLIENT_CA_FILE`. */
  tls: 'tls.yaml',
  /** Bearer-token auth on the in-cluster OTLP receivers (`BIZMETRICS_INTERNAL_TOKEN`). */
  auth: 'auth.yaml',
} as const;

/**
 * Credentials for an exporter, passed after its exporter overlay only when the token is set: the
 * exporter overlays send no Authorization header, so no export ever carries an empty one.
 */
export const CREDENTIAL_OVERLAYS = {
  'otlp-http': 'credentials/otlp-http.yaml',
  'remote-write': 'credentials/remote-write.yaml',
} as const;

/** Backends with an overlay. */
export type Backend = keyof typeof EXPORTER_OVERLAYS;

/** The `--config` files for one backend, in order. */
export function configFiles(backend: Backend): readonly string[] {
  return [...BASE_FILES, EXPORTER_OVERLAYS[backend]];
}
