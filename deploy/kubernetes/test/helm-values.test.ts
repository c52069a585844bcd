import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COLLECTOR_IMAGE, COLLECTOR_VERSION, gatewayConfig } from '@bizmetrics/collector-config';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const values = parse(
  readFileSync(join(resolve(import.meta.dirname, '..'), 'helm/collector-values.yaml'), 'utf8'),
) as {
  mode: string;
  image: { repository: string; tag: string };
  command: { name: string };
  config: Record<string, Record<string, unknown>>;
  ports: Record<string, { enabled: boolean }>;
};

describe('values for the official opentelemetry-collector chart', () => {
  it('runs the pinned contrib image as a Deployment with its binary name', () => {
    expect(values).toMatchObject({
      mode: 'deployment',
      image: { repository: COLLECTOR_IMAGE, tag: COLLECTOR_VERSION },
      command: { name: 'otelcol-contrib' },
    });
  });

  it('removes the chart default Jaeger, Zipkin and debug components and the trace and log pipelines', () => {
    expect(values.config['receivers']).toMatchObject({ jaeger: null, zipkin: null, prometheus: null });
    expect(values.config['exporters']).toMatchObject({ debug: null });
    expect(values.config['service']!['pipelines']).toMatchObject({ traces: null, logs: null });
    expect(values.ports['zipkin']!.enabled).toBe(false);
  });

  it('carries the same metrics pipeline as base + catalog + remote-write', () => {
    const config = gatewayConfig() as { service: { pipelines: { metrics: unknown } } };
    expect((values.config['service']!['pipelines'] as { metrics: unknown }).metrics).toEqual(
      config.service.pipelines.metrics,
    );
    expect(values.config['processors']!['transform/catalog']).toBeDefined();
  });
});
