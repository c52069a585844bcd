import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestCertificates } from '@bizmetrics/local-stack';
import {
  collectorStartupWarnings,
  type TestCertificates,
  validateCollectorConfig,
} from '@bizmetrics/local-stack/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { COLLECTOR_DIR } from '../src/compose.ts';
import {
  helmConfig,
  SECRET_PLACEHOLDER,
  type ShippedCombination,
  shippedCombinations,
} from '../src/shipped.ts';

// Listening endpoints moved to loopback for the start-up check, and TLS files the test makes in place
// of the ones a deployment mounts; the config files and the rest of each deployment's variables are
// used as shipped.
const LOOPBACK = {
  BIZMETRICS_OTLP_GRPC_ENDPOINT: '127.0.0.1:0',
  BIZMETRICS_OTLP_HTTP_ENDPOINT: '127.0.0.1:0',
  BIZMETRICS_OTLP_EXTERNAL_ENDPOINT: '127.0.0.1:0',
  BIZMETRICS_HEALTH_ENDPOINT: '127.0.0.1:0',
  BIZMETRICS_PROMETHEUS_EXPORTER_ENDPOINT: '127.0.0.1:0',
  BIZMETRICS_COLLECTOR_TELEMETRY_HOST: '127.0.0.1',
  BIZMETRICS_COLLECTOR_TELEMETRY_PORT: '0',
  // Gateways the agent tier resolves: loopback names instead of cluster DNS.
  BIZMETRICS_LB_HOSTNAMES: '[127.0.0.1:4317, 127.0.0.1:4319]',
  BIZMETRICS_LB_DNS_NAME: 'localhost',
};

let dir: string;
let certs: TestCertificates;
const combinations: ShippedCombination[] = shippedCombinations();
/** The variables for the start-up check: loopback endpoints, real TLS files where a TLS file is named. */
const startEnv = (env: Readonly<Record<string, string>>) => ({
  ...env,
  ...LOOPBACK,
  ...(env['BIZMETRICS_TLS_CERT_FILE'] && {
    BIZMETRICS_TLS_CERT_FILE: certs.serverCertFile,
    BIZMETRICS_TLS_KEY_FILE: certs.serverKeyFile,
    ...(env['BIZMETRICS_TLS_CLIENT_CA_FILE'] && { BIZMETRICS_TLS_CLIENT_CA_FILE: certs.caFile }),
  }),
});
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizmetrics-helm-'));
  certs = await makeTestCertificates(dir);
  const file = join(dir, 'helm-config.yaml');
  await writeFile(file, stringify(helmConfig()));
  combinations.push({
    name: 'helm values (config block)',
    files: [file],
    env: {
      BIZMETRICS_COLLECTOR_TOKEN: SECRET_PLACEHOLDER,
      BIZMETRICS_REMOTE_WRITE_ENDPOINT: 'http://store:8428/api/v1/write',
    },
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('every collector config the project ships, on our collector build', () => {
  it('covers the README overlays, compose, every Kubernetes overlay and the Helm values', () => {
    const names = shippedCombinations().map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'collector: prometheus',
        'collector: remote-write',
        'collector: otlp-http',
        'collector: debug',
        'compose',
        'kubernetes: exporters-remote-write.yaml (the Deployment as shipped)',
        'kubernetes: exporters-prometheus.yaml',
        'kubernetes: otel-agent (agent tier)',
        'collector: load-balancing',
        'collector: load-balancing-dns',
        'collector: tls + remote-write',
      ]),
    );
  });

  it('passes `otelcol validate` with the variables each deployment sets', async () => {
    for (const c of combinations)
      await expect(validateCollectorConfig(c.files, c.env), c.name).resolves.toBeDefined();
  });

  it('starts with no warning and no error: no deprecated component alias, nothing ignored', async () => {
    // The agent tier dials its gateways at once; none listens here, which is the network, not the config.
    const network = /connect: connection refused/;
    for (const c of combinations) {
      const warnings = await collectorStartupWarnings(c.files, startEnv(c.env));
      expect(
        warnings.filter((w) => !network.test(w)),
        c.name,
      ).toEqual([]);
    }
  }, 120_000);
});

describe('the checks find what would break a config', () => {
  const base = ['base.yaml', 'catalog.yaml'].map((f) => join(COLLECTOR_DIR, f));
  const env = { BIZMETRICS_COLLECTOR_TOKEN: 'x', ...LOOPBACK };
  const overlay = async (name: string, body: unknown) => {
    const file = join(dir, name);
    await writeFile(file, stringify(body));
    return file;
  };

  it('validate rejects the base alone (no exporter), naming the files', async () => {
    await expect(validateCollectorConfig(base, env)).rejects.toThrow(
      /base\.yaml \+ .*catalog\.yaml[\s\S]*exporter/,
    );
  });

  it('validate rejects the TLS overlay without its certificate and key files', async () => {
    const files = [...base, join(COLLECTOR_DIR, 'tls.yaml'), join(COLLECTOR_DIR, 'exporters/debug.yaml')];
    await expect(validateCollectorConfig(files, env)).rejects.toThrow(
      /receivers::otlp::protocols::grpc: tls: TLS configuration must include both certificate and key/,
    );
  });

  it('validate rejects a pipeline exporter that no file declares', async () => {
    const file = await overlay('undeclared.yaml', {
      exporters: { debug: {} },
      service: { pipelines: { metrics: { exporters: ['debug', 'otlp_http'] } } },
    });
    await expect(validateCollectorConfig([...base, file], env)).rejects.toThrow(/otlp_http/);
  });

  it('validate rejects a component our build does not have', async () => {
    const file = await overlay('unknown.yaml', {
      processors: { ratelimiter: {} },
      exporters: { debug: {} },
      service: { pipelines: { metrics: { exporters: ['debug'] } } },
    });
    await expect(validateCollectorConfig([...base, file], env)).rejects.toThrow(/ratelimiter/);
  });

  it('the start-up check reports a deprecated alias that validate accepts', async () => {
    const file = await overlay('alias.yaml', {
      exporters: { otlphttp: { endpoint: 'http://127.0.0.1:9' } },
      service: { pipelines: { metrics: { exporters: ['otlphttp'] } } },
    });
    await expect(validateCollectorConfig([...base, file], env)).resolves.toBeDefined();
    const warnings = await collectorStartupWarnings([...base, file], env);
    expect(warnings.join('\n')).toMatch(/"otlphttp" alias is deprecated; use "otlp_http"/);
  });
});
