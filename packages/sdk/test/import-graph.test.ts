import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@bizmetrics/local-stack';
import { describe, expect, it } from 'vitest';
import { startReceiver } from './support.ts';

const run = promisify(execFile);
const HERE = join(import.meta.dirname, 'import-graph');

/**
 * The modules a recording service really loads: the service runs in its own Node process with a
 * resolve hook that notes every module (ESM and CommonJS), the workspace packages as their sources.
 */
async function loadedModules(
  env: Record<string, string>,
  script = 'recording-service.ts',
): Promise<string[]> {
  const { stdout } = await run(
    process.execPath,
    [
      '--conditions=@bizmetrics/source',
      '--disable-warning=ExperimentalWarning',
      `--import=${join(HERE, 'record-modules.ts')}`,
      join(HERE, script),
    ],
    { env: { ...process.env, OTEL_METRIC_EXPORT_INTERVAL: '600000', ...env }, timeout: 60_000 },
  );
  const line = stdout.split('\n').find((l) => l.startsWith('MODULES '));
  return JSON.parse(line!.slice('MODULES '.length)) as string[];
}

const gateway = (urls: string[]) => urls.filter((u) => u.includes('/packages/gateway/'));
const protobufjs = (urls: string[]) => urls.filter((u) => /\/protobufjs\//.test(u));
const grpc = (urls: string[]) => urls.filter((u) => /\/@grpc\//.test(u));

describe('a recording service’s module graph', () => {
  it.each([
    ['serving /metrics', { OTEL_METRICS_EXPORTER: 'prometheus' }],
    ['pushing OTLP http/protobuf', { OTEL_METRICS_EXPORTER: 'otlp' }],
  ])('%s loads no gateway (its node:http server), no protobufjs and no gRPC', async (_what, env) => {
    const receiver = await startReceiver();
    try {
      const urls = await loadedModules({
        ...env,
        OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
        OTEL_EXPORTER_PROMETHEUS_PORT: String(await freePort()),
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: receiver.url,
      });
      // Not vacuous: the graph is the real one, with the SDK, core and an exporter in it.
      expect(urls.some((u) => u.endsWith('/packages/sdk/src/start.ts'))).toBe(true);
      expect(urls.some((u) => u.endsWith('/packages/core/src/api/biz-metrics.ts'))).toBe(true);
      expect(urls.some((u) => /exporter-(prometheus|metrics-otlp-proto)/.test(u))).toBe(true);
      expect(gateway(urls)).toEqual([]);
      expect(protobufjs(urls)).toEqual([]);
      expect(grpc(urls)).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('loads gRPC only when OTLP/gRPC is chosen (the exporter is loaded on first export)', async () => {
    const urls = await loadedModules({
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
      OTEL_EXPORTER_OTLP_TIMEOUT: '500',
    });
    expect(grpc(urls).length).toBeGreaterThan(0);
    expect(gateway(urls)).toEqual([]);
  });

  it('sees the gateway and its protobufjs in a process that loads the gateway, so the checks can fail', async () => {
    const urls = await loadedModules({}, 'gateway-service.ts');
    expect(gateway(urls).length).toBeGreaterThan(0);
    expect(protobufjs(urls).length).toBeGreaterThan(0);
  });
});
