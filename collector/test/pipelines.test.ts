import { describe, expect, it } from 'vitest';
import {
  type Backend,
  type ConfigMap,
  composeFiles,
  configFiles,
  EXPORTER_OVERLAYS,
} from '../src/compose.ts';

const BACKENDS = Object.keys(EXPORTER_OVERLAYS) as Backend[];

interface Service {
  extensions?: string[];
  pipelines: Record<string, { receivers?: string[]; processors?: string[]; exporters?: string[] }>;
}

describe.each(BACKENDS)('base + catalog + %s overlay', (backend) => {
  const config = composeFiles(configFiles(backend));
  const service = config['service'] as Service;
  const metrics = service.pipelines['metrics']!;

  it('has exactly one metrics pipeline with the overlay exporter as its only exporter', () => {
    expect(Object.keys(service.pipelines)).toEqual(['metrics']);
    expect(metrics.exporters).toHaveLength(1);
    expect(Object.keys(config['exporters'] as ConfigMap)).toEqual(metrics.exporters);
  });

  it('runs memory_limiter first and batch last, with the catalog filter then transform between', () => {
    expect(metrics.processors).toEqual(['memory_limiter', 'filter/catalog', 'transform/catalog', 'batch']);
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
