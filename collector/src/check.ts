import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLLECTOR_DIR, type ConfigMap } from './compose.ts';

/** The component kinds a pipeline config declares. */
export type Kind = 'receivers' | 'processors' | 'exporters' | 'extensions';
const KINDS: readonly Kind[] = ['receivers', 'processors', 'exporters', 'extensions'];

/** A component type of the pinned release, with the module that provides it. */
export interface TypeEntry {
  readonly module: string;
  readonly deprecatedType?: string;
  readonly evidence: string;
}

/** `components.<version>.json`: the release's modules and the verified types these configs use. */
export interface PinnedComponents {
  readonly version: string;
  readonly types: Readonly<Record<Kind, Readonly<Record<string, TypeEntry>>>>;
  readonly modules: Readonly<Record<Kind | 'connectors', readonly string[]>>;
}

/** Reads the pinned component list committed next to the configs. */
export function readPinnedComponents(version = '0.159.0'): PinnedComponents {
  return JSON.parse(
    readFileSync(join(COLLECTOR_DIR, `components.${version}.json`), 'utf8'),
  ) as PinnedComponents;
}

interface Service {
  extensions?: string[];
  pipelines?: Record<string, Partial<Record<'receivers' | 'processors' | 'exporters', string[]>>>;
}

/** `otlp/external` is an instance of type `otlp`. */
const typeOf = (id: string): string => id.split('/')[0]!;
const section = (config: ConfigMap, kind: Kind): ConfigMap => (config[kind] ?? {}) as ConfigMap;

/**
 * What would stop a composed config from starting, or make it use a name the pinned release does not
 * have: pipeline or extension references to undeclared components, authenticators not enabled,
 * component types unknown to the release or only known by a deprecated alias. Empty when fine.
 */
export function configProblems(config: ConfigMap, pinned: PinnedComponents): string[] {
  const problems: string[] = [];
  const service = (config['service'] ?? {}) as Service;
  for (const [name, pipeline] of Object.entries(service.pipelines ?? {})) {
    for (const kind of ['receivers', 'processors', 'exporters'] as const) {
      const ids = pipeline[kind] ?? [];
      if (kind !== 'processors' && ids.length === 0) problems.push(`pipeline ${name} has no ${kind}`);
      for (const id of ids)
        if (!(id in section(config, kind))) problems.push(`pipeline ${name}: ${kind} ${id} is not declared`);
    }
  }
  for (const id of service.extensions ?? [])
    if (!(id in section(config, 'extensions'))) problems.push(`service.extensions: ${id} is not declared`);
  for (const [, id] of JSON.stringify(config).matchAll(/"authenticator":"([^"]+)"/g))
    if (!service.extensions?.includes(id!)) problems.push(`authenticator ${id} is not in service.extensions`);
  for (const kind of KINDS) {
    const known = pinned.types[kind];
    const aliases = new Map(
      Object.entries(known).flatMap(([t, e]) => (e.deprecatedType ? [[e.deprecatedType, t]] : [])),
    );
    for (const id of Object.keys(section(config, kind))) {
      const type = typeOf(id);
      if (aliases.has(type)) problems.push(`${kind} ${id}: deprecated alias, use ${aliases.get(type)}`);
      else if (!known[type])
        problems.push(`${kind} ${id}: type ${type} is not a verified ${pinned.version} component`);
      else if (!pinned.modules[kind].includes(known[type].module))
        problems.push(`${kind} ${id}: module ${known[type].module} is not in the ${pinned.version} release`);
    }
  }
  return problems;
}
