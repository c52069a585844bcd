import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COLLECTOR_VERSION, composeFiles } from '@bizmetrics/collector-config';
import { stackBin } from '@bizmetrics/local-stack';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const DIR = resolve(import.meta.dirname, '..');

interface Service {
  image: string;
  build?: { context: string; dockerfile: string };
  user?: string;
  read_only?: boolean;
  cap_drop?: string[];
  security_opt?: string[];
  command?: string[] | string;
  volumes?: string[];
  depends_on?: string[] | Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
}
// merge: compose files use YAML merge keys (<<: *node) as Docker Compose resolves them.
const compose = parse(readFileSync(join(DIR, 'compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = Object.entries(compose.services);
const dependsOn = (s: Service): string[] =>
  Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});
const mounts = (s: Service) => (s.volumes ?? []).map((v) => v.split(':') as [string, string, string?]);

describe('deploy/compose/compose.yaml', () => {
  it.each(services)('%s pins its image by a version tag', (_name, s) => {
    expect(s.image).toMatch(/^[\w./-]+:v?\d+\.\d+\.\d+[\w.-]*$/);
  });

  it.each(services)('%s mounts files that exist and named volumes that are declared', (_name, s) => {
    for (const [source] of mounts(s)) {
      if (source.startsWith('.') || source.startsWith('/'))
        expect(existsSync(join(DIR, source)), source).toBe(true);
      else expect(compose.volumes, source).toHaveProperty([source]);
    }
  });

  it.each(services)('%s depends only on services of this file', (_name, s) => {
    for (const d of dependsOn(s)) expect(compose.services, d).toHaveProperty([d]);
  });

  it.each(services.filter(([, s]) => s.healthcheck))(
    '%s health check runs without a shell (exec form)',
    (_name, s) => {
      expect(s.healthcheck!.test[0]).toBe('CMD');
    },
  );

  it('gives every long-running service a health check, the collector through its sidecar', () => {
    const without = services.filter(([n, s]) => !s.healthcheck && n !== 'init').map(([n]) => n);
    expect(without).toEqual(['collector']);
    const probe = compose.services['collector-health']!.healthcheck!.test.join(' ');
    const health = (composeFiles(['base.yaml']) as { extensions: { health_check: { endpoint: string } } })
      .extensions.health_check.endpoint;
    expect(probe).toContain(`http://collector:${health.match(/:(\d+)\}$/)![1]}/`);
  });

  it('runs the pinned contrib collector with base, catalog and the Prometheus overlay, all mounted', () => {
    const c = compose.services['collector']!;
    expect(c.image).toBe(`otel/opentelemetry-collector-contrib:${COLLECTOR_VERSION}`);
    const configs = (c.command as string[]).map((a) => a.replace('--config=', ''));
    expect(configs).toEqual([
      '/etc/bizmetrics/base.yaml',
      '/etc/bizmetrics/catalog.yaml',
      '/etc/bizmetrics/exporters/prometheus.yaml',
    ]);
    for (const file of configs) {
      const mount = mounts(c).find(([, target]) => file === target || file.startsWith(`${target}/`));
      expect(mount, file).toBeDefined();
      expect(existsSync(join(DIR, mount![0], file.slice(mount![1].length)))).toBe(true);
    }
  });

  it('configures the node services purely by OTel variables, pointing at the collector', () => {
    for (const name of ['shop', 'gateway']) {
      const env = (compose.services[name] as unknown as { environment: Record<string, string> }).environment;
      expect(env).toMatchObject({
        OTEL_METRICS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      });
      expect(env['OTEL_SERVICE_NAME']).toBeTruthy();
    }
  });

  it('publishes ports on loopback only', () => {
    for (const [name, s] of services)
      for (const p of s.ports ?? []) expect(p, name).toMatch(/^127\.0\.0\.1:/);
  });

  it('generates the rules and dashboards Prometheus and Grafana read, before they start', () => {
    expect(compose.services['init']!.command).toEqual([
      'node',
      '/app/cli/dist/main.js',
      'rules',
      'generate',
      '--out',
      '/generated',
    ]);
    for (const name of ['prometheus', 'grafana']) {
      expect(compose.services[name]!.depends_on).toMatchObject({
        init: { condition: 'service_completed_successfully' },
      });
      expect(compose.services[name]!.volumes).toContain('generated:/generated:ro');
    }
  });
});

describe('the app image and the versions CI runs', () => {
  const APP = ['init', 'shop', 'gateway'];
  const k8sCommand = (folder: string) =>
    (
      parse(readFileSync(join(DIR, '../kubernetes', folder, 'deployment.yaml'), 'utf8')) as {
        spec: { template: { spec: { containers: { command: string[] }[] } } };
      }
    ).spec.template.spec.containers[0]!.command;

  it.each(APP)('%s runs the app image built from deploy/kubernetes/Dockerfile, hardened', (name) => {
    const s = compose.services[name]!;
    expect(s.build).toEqual({ context: '../..', dockerfile: 'deploy/kubernetes/Dockerfile' });
    expect(existsSync(join(DIR, s.build!.context, s.build!.dockerfile))).toBe(true);
    expect(s.image).toBe(compose.services['shop']!.image);
    expect(s).toMatchObject({ read_only: true, cap_drop: ['ALL'], security_opt: ['no-new-privileges:true'] });
  });

  it('the shop and the gateway run the commands of the Kubernetes Deployments, as the image user', () => {
    expect(compose.services['shop']!.command).toEqual(k8sCommand('shop'));
    expect(compose.services['gateway']!.command).toEqual(k8sCommand('gateway'));
    for (const name of ['shop', 'gateway']) expect(compose.services[name]!.user, name).toBeUndefined();
  });

  it('no service runs a package manager', () => {
    for (const [name, s] of services)
      expect(JSON.stringify(s.command ?? ''), name).not.toMatch(/pnpm|corepack|npm/);
  });

  it('Prometheus is the release CI builds (deploy/local/prometheus/go.mod) and .stack/bin runs', () => {
    const gomod = readFileSync(join(DIR, '../local/prometheus/go.mod'), 'utf8');
    const [, minor, patch] = /github\.com\/prometheus\/prometheus v0\.3(\d\d)\.(\d+)/.exec(gomod)!;
    const version = `3.${Number(minor)}.${patch}`;
    expect(compose.services['prometheus']!.image).toBe(`prom/prometheus:v${version}`);
    const out = execFileSync(stackBin('prometheus'), ['--version'], { encoding: 'utf8' });
    expect(out).toMatch(new RegExp(`^prometheus, version ${version.replaceAll('.', '\\.')} `));
  });

  it('the collector is the release CI builds (collector/manifest.yaml) and .stack/bin runs', () => {
    expect(compose.services['collector']!.image).toBe(
      `otel/opentelemetry-collector-contrib:${COLLECTOR_VERSION}`,
    );
    const manifest = readFileSync(join(DIR, '../../collector/manifest.yaml'), 'utf8');
    expect(manifest).toMatch(new RegExp(`^  version: ${COLLECTOR_VERSION.replaceAll('.', '\\.')}$`, 'm'));
    const out = execFileSync(stackBin('otelcol'), ['--version'], { encoding: 'utf8' });
    expect(out).toContain(COLLECTOR_VERSION);
  });
});

describe('deploy/compose/prometheus/prometheus.yml', () => {
  const prom = parse(readFileSync(join(DIR, 'prometheus/prometheus.yml'), 'utf8')) as {
    scrape_configs: { job_name: string; honor_labels?: boolean; static_configs: { targets: string[] }[] }[];
    remote_write: { url: string }[];
  };

  it('scrapes the collector exporter port the overlay binds, keeping the senders job/instance', () => {
    const exporter = (
      composeFiles(['exporters/prometheus.yaml']) as { exporters: { prometheus: { endpoint: string } } }
    ).exporters.prometheus.endpoint;
    const job = prom.scrape_configs.find((j) => j.job_name === 'business')!;
    expect(job.honor_labels).toBe(true);
    expect(job.static_configs[0]!.targets).toEqual([`collector:${exporter.match(/:(\d+)\}$/)![1]}`]);
  });

  it('remote-writes to the VictoriaMetrics service for long-term storage', () => {
    expect(prom.remote_write.map((r) => r.url)).toEqual(['http://victoriametrics:8428/api/v1/write']);
    expect(compose.services).toHaveProperty(['victoriametrics']);
  });
});

describe('deploy/compose/grafana provisioning', () => {
  it('provisions Prometheus as the default datasource and the generated dashboards folder', () => {
    const ds = parse(
      readFileSync(join(DIR, 'grafana/provisioning/datasources/datasources.yaml'), 'utf8'),
    ) as {
      datasources: { uid: string; url: string; isDefault?: boolean }[];
    };
    expect(ds.datasources.find((d) => d.isDefault)).toMatchObject({
      uid: 'prometheus',
      url: 'http://prometheus:9090',
    });
    const dash = readFileSync(join(DIR, 'grafana/provisioning/dashboards/dashboards.yaml'), 'utf8');
    expect(dash).toContain('path: /generated/dashboards');
  });
});
