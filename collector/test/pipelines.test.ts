import { describe, expect, it } from 'vitest';
import { configProblems, readPinnedComponents } from '../src/check.ts';
import {
  type Backend,
  type ConfigMap,
  composeFiles,
  configFiles,
  EXPORTER_OVERLAYS,
  mergeConfigs,
} from '../src/compose.ts';

const pinned = readPinnedComponents();
const BACKENDS = Object.keys(EXPORTER_OVERLAYS) as Backend[];

interface Service {
  extensions?: string[];
  pipelines: Record<string, { receivers?: string[]; processors?: string[]; exporters?: string[] }>;
}

describe.each(BACKENDS)('base + catalog + %s overlay', (backend) => {
  const config = composeFiles(configFiles(backend));
  const service = config['service'] as Service;
  const metrics = service.pipelines['metrics']!;

  it('references only declared components, by current names of otelcol-contrib 0.159.0', () => {
    expect(configProblems(config, pinned)).toEqual([]);
  });

  it('has exactly one metrics pipeline with the overlay exporter as its only exporter', () => {
    expect(Object.keys(service.pipelines)).toEqual(['metrics']);
    expect(metrics.exporters).toHaveLength(1);
    expect(Object.keys(config['exporters'] as ConfigMap)).toEqual(metrics.exporters);
  });

  it('runs memory_limiter first and batch last, with the catalog transform between', () => {
    expect(metrics.processors).toEqual(['memory_limiter', 'transform/catalog', 'batch']);
  });

  it('binds every receiver endpoint explicitly (the collector default is localhost)', () => {
    const receivers = config['receivers'] as Record<
      string,
      { protocols: Record<string, { endpoint?: string }> }
    >;
    for (const [id, r] of Object.entries(receivers))
      for (const [proto, p] of Object.entries(r.protocols))
        expect(p.endpoint, `${id}.${proto}`).toMatch(/^\$\{env:\w+:-0\.0\.0\.0:\d+\}$/);
  });
});

describe('configProblems finds what would break a config', () => {
  const good = composeFiles(configFiles('debug'));

  it('finds the base alone has no exporter (an overlay is required)', () => {
    expect(configProblems(composeFiles(['base.yaml', 'catalog.yaml']), pinned)).toEqual([
      'pipeline metrics has no exporters',
    ]);
  });

  it('finds a pipeline exporter that no file declares', () => {
    const broken = mergeConfigs(good, {
      service: { pipelines: { metrics: { exporters: ['debug', 'otlp_http'] } } },
    });
    expect(configProblems(broken, pinned)).toEqual(['pipeline metrics: exporters otlp_http is not declared']);
  });

  it('finds a deprecated alias and suggests the current name', () => {
    const broken = mergeConfigs(good, {
      exporters: { prometheusremotewrite: { endpoint: 'http://x' } },
      service: { pipelines: { metrics: { exporters: ['prometheusremotewrite'] } } },
    });
    expect(configProblems(broken, pinned)).toContain(
      'exporters prometheusremotewrite: deprecated alias, use prometheus_remote_write',
    );
  });

  it('finds a component type the pinned release does not verify', () => {
    const broken = mergeConfigs(good, { processors: { ratelimiter: {} } });
    expect(configProblems(broken, pinned)).toEqual([
      'processors ratelimiter: type ratelimiter is not a verified 0.159.0 component',
    ]);
  });

  it('finds an authenticator whose extension is not enabled (an overlay replaced the list)', () => {
    const broken = mergeConfigs(good, { service: { extensions: ['health_check'] } });
    expect(configProblems(broken, pinned)).toEqual([
      'authenticator bearertokenauth/external is not in service.extensions',
    ]);
  });
});

describe('components.0.159.0.json', () => {
  it('lists the release manifest: every kind has modules', () => {
    expect(pinned.version).toBe('0.159.0');
    for (const kind of ['receivers', 'processors', 'exporters', 'extensions'] as const)
      expect(pinned.modules[kind].length).toBeGreaterThan(10);
  });

  it('records the deprecated aliases of the renamed exporters', () => {
    const aliases = Object.values(pinned.types.exporters).flatMap((t) => t.deprecatedType ?? []);
    expect(aliases).toEqual(expect.arrayContaining(['otlphttp', 'prometheusremotewrite', 'loadbalancing']));
  });

  it('gives every verified type a source', () => {
    for (const kind of ['receivers', 'processors', 'exporters', 'extensions'] as const)
      for (const [type, entry] of Object.entries(pinned.types[kind]))
        expect(entry.evidence, type).toMatch(/\S{10}/);
  });
});
