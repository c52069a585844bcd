import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Backend,
  COLLECTOR_DIR,
  type ConfigMap,
  composeFiles,
  configFiles,
  EXPORTER_OVERLAYS,
} from '../src/compose.ts';

interface TypeEntry {
  readonly module: string;
  readonly deprecatedType?: string;
}
interface Components {
  readonly version: string;
  readonly types: Record<Kind, Record<string, TypeEntry>>;
  readonly modules: Record<Kind, string[]>;
}
type Kind = 'receivers' | 'processors' | 'exporters' | 'extensions';

const components = JSON.parse(
  readFileSync(join(COLLECTOR_DIR, 'components.0.159.0.json'), 'utf8'),
) as Components;
const BACKENDS = Object.keys(EXPORTER_OVERLAYS) as Backend[];
const KINDS: Kind[] = ['receivers', 'processors', 'exporters', 'extensions'];

/** `otlp/external` is an instance of type `otlp`. */
const typeOf = (id: string): string => id.split('/')[0]!;
const section = (config: ConfigMap, kind: Kind): ConfigMap => (config[kind] ?? {}) as ConfigMap;

interface Service {
  extensions?: string[];
  pipelines: Record<string, { receivers?: string[]; processors?: string[]; exporters?: string[] }>;
}

describe.each(BACKENDS)('base + catalog + %s overlay', (backend) => {
  const config = composeFiles(configFiles(backend));
  const service = config['service'] as Service;
  const metrics = service.pipelines['metrics']!;

  it('has exactly one metrics pipeline with the overlay as its only exporter', () => {
    expect(Object.keys(service.pipelines)).toEqual(['metrics']);
    expect(metrics.exporters).toHaveLength(1);
    expect(Object.keys(section(config, 'exporters'))).toEqual(metrics.exporters);
  });

  it('references only declared components in its pipeline', () => {
    for (const id of metrics.receivers ?? []) expect(section(config, 'receivers'), id).toHaveProperty([id]);
    for (const id of metrics.processors ?? []) expect(section(config, 'processors'), id).toHaveProperty([id]);
    for (const id of metrics.exporters ?? []) expect(section(config, 'exporters'), id).toHaveProperty([id]);
    for (const id of service.extensions ?? []) expect(section(config, 'extensions'), id).toHaveProperty([id]);
  });

  it('enables every declared extension, so authenticators resolve', () => {
    expect([...(service.extensions ?? [])].sort()).toEqual(Object.keys(section(config, 'extensions')).sort());
    const text = JSON.stringify(config);
    for (const [, id] of text.matchAll(/"authenticator":"([^"]+)"/g))
      expect(service.extensions).toContain(id);
  });

  it('runs memory_limiter first and batch last, with the catalog transform between', () => {
    expect(metrics.processors).toEqual(['memory_limiter', 'transform/catalog', 'batch']);
  });

  it.each(KINDS)('uses %s that exist in otelcol-contrib 0.159.0, by their current names', (kind) => {
    for (const id of Object.keys(section(config, kind))) {
      const entry = components.types[kind][typeOf(id)];
      expect(entry, `${kind} ${id}`).toBeDefined();
      expect(components.modules[kind], `${kind} ${id}: module in the release manifest`).toContain(
        entry!.module,
      );
    }
  });

  it.each(KINDS)('uses no deprecated alias among its %s', (kind) => {
    const aliases = Object.values(components.types[kind]).flatMap((t) => t.deprecatedType ?? []);
    const declared = Object.keys(section(config, kind)).map(typeOf);
    expect(declared.filter((t) => aliases.includes(t))).toEqual([]);
  });

  it('binds every receiver endpoint explicitly (the collector default is localhost)', () => {
    const receivers = section(config, 'receivers') as Record<
      string,
      { protocols: Record<string, { endpoint?: string }> }
    >;
    for (const [id, r] of Object.entries(receivers))
      for (const [proto, p] of Object.entries(r.protocols))
        expect(p.endpoint, `${id}.${proto}`).toMatch(/^\$\{env:\w+:-0\.0\.0\.0:\d+\}$/);
  });
});

describe('components.0.159.0.json', () => {
  it('lists the release manifest: every kind has modules', () => {
    expect(components.version).toBe('0.159.0');
    for (const kind of KINDS) expect(components.modules[kind].length).toBeGreaterThan(10);
  });

  it('knows the deprecated aliases of the renamed exporters', () => {
    const aliases = Object.values(components.types.exporters).flatMap((t) => t.deprecatedType ?? []);
    expect(aliases).toEqual(expect.arrayContaining(['otlphttp', 'prometheusremotewrite', 'loadbalancing']));
  });
});
