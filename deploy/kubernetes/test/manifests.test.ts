import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COLLECTOR_VERSION, composeFiles } from '@bizmetrics/collector-config';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const DIR = resolve(import.meta.dirname, '..');

interface Kustomization {
  resources?: string[];
  configMapGenerator?: { name: string; files?: string[]; literals?: string[] }[];
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  command?: string[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  envFrom?: { configMapRef?: { name: string } }[];
  ports?: { name: string; containerPort: number }[];
  livenessProbe?: { httpGet?: { port: string | number } };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface Resource {
  kind: string;
  metadata: { name: string };
  spec: {
    selector?: { matchLabels?: Record<string, string> } & Record<string, string>;
    template?: {
      metadata: { labels: Record<string, string> };
      spec: { containers: Container[]; volumes?: { name: string; configMap?: { name: string } }[] };
    };
    ports?: { name: string; targetPort: string | number }[];
    scaleTargetRef?: { kind: string; name: string };
  };
}

/** Every resource reachable from a kustomization folder, and the generators on the way. */
function load(dir: string): {
  resources: Resource[];
  generators: NonNullable<Kustomization['configMapGenerator']>;
} {
  const k = parseAllDocuments(
    readFileSync(join(dir, 'kustomization.yaml'), 'utf8'),
  )[0]!.toJS() as Kustomization;
  const out = { resources: [] as Resource[], generators: [...(k.configMapGenerator ?? [])] };
  for (const r of k.resources ?? []) {
    const path = join(dir, r);
    if (!existsSync(path)) throw new Error(`${dir}/kustomization.yaml: resource ${r} does not exist`);
    if (existsSync(join(path, 'kustomization.yaml'))) {
      const sub = load(path);
      out.resources.push(...sub.resources);
      out.generators.push(...sub.generators.map((g) => ({ ...g, files: g.files?.map((f) => join(r, f)) })));
    } else
      out.resources.push(...parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJS() as Resource));
  }
  return out;
}

const { resources, generators } = load(DIR);
const byKind = (kind: string) => resources.filter((r) => r.kind === kind);
const deployments = byKind('Deployment');
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);
const deployment = (name: string) => deployments.find((d) => d.metadata.name === name)!;

describe('deploy/kubernetes kustomization', () => {
  it('reaches the agent tier, a collector gateway (Deployment, Service, HPA, PDB), the browser gateway and the shop', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([
      'browser-gateway',
      'otel-agent',
      'otel-collector',
      'shop',
    ]);
    expect(byKind('HorizontalPodAutoscaler').map((r) => r.metadata.name)).toEqual(['otel-collector']);
    expect(
      byKind('PodDisruptionBudget')
        .map((r) => r.metadata.name)
        .sort(),
    ).toEqual(['browser-gateway', 'otel-agent', 'otel-collector']);
  });

  it('routes the agent tier to the gateway pods through a headless Service that selects them', () => {
    const agent = deployment('otel-agent').spec.template!.spec.containers[0]!;
    expect(agent.args!.at(-1)).toBe('--config=/etc/bizmetrics/exporters-load-balancing-dns.yaml');
    const dnsName = agent.env!.find((e) => e.name === 'BIZMETRICS_LB_DNS_NAME')!.value!;
    const headless = byKind('Service').find((s) => s.metadata.name === dnsName)!;
    expect((headless.spec as { clusterIP?: string }).clusterIP).toBe('None');
    expect(
      matches(
        headless.spec.selector as Record<string, string>,
        deployment('otel-collector').spec.template!.metadata.labels,
      ),
    ).toBe(true);
    expect(headless.spec.ports!.map((p) => p.targetPort)).toEqual(['otlp-grpc']);
  });

  it('generates ConfigMaps only from files that exist', () => {
    for (const g of generators) for (const f of g.files ?? []) expect(existsSync(join(DIR, f)), f).toBe(true);
  });

  it.each(deployments.map((d) => [d.metadata.name, d] as const))('%s selects its own pod labels', (_n, d) => {
    expect(matches(d.spec.selector!.matchLabels!, d.spec.template!.metadata.labels)).toBe(true);
  });

  it.each(byKind('Service').map((s) => [s.metadata.name, s] as const))(
    'Service %s selects a Deployment and targets ports its containers name',
    (_n, s) => {
      const target = deployments.find((d) =>
        matches(s.spec.selector as Record<string, string>, d.spec.template!.metadata.labels),
      );
      expect(target).toBeDefined();
      const named = target!.spec.template!.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => p.name));
      for (const p of s.spec.ports!) expect(named, `${p.name}`).toContain(p.targetPort);
    },
  );

  it.each(byKind('PodDisruptionBudget').map((p) => [p.metadata.name, p] as const))(
    'PDB %s selects a Deployment',
    (_n, p) => {
      expect(
        deployments.some((d) => matches(p.spec.selector!.matchLabels!, d.spec.template!.metadata.labels)),
      ).toBe(true);
    },
  );

  it('scales the collector Deployment with the HPA', () => {
    expect(byKind('HorizontalPodAutoscaler')[0]!.spec.scaleTargetRef).toMatchObject({
      kind: 'Deployment',
      name: 'otel-collector',
    });
  });
});

describe('the collector gateway', () => {
  const pod = deployment('otel-collector').spec.template!.spec;
  const container = pod.containers[0]!;
  const generated = generators.find((g) => g.name === 'otel-collector-config')!;

  it('runs the pinned contrib image', () => {
    expect(container.image).toBe(`otel/opentelemetry-collector-contrib:${COLLECTOR_VERSION}`);
  });

  it('passes base, catalog and the remote-write overlay, all from the generated ConfigMap', () => {
    const mount = container.volumeMounts!.find((m) => m.name === 'config')!;
    expect(pod.volumes!.find((v) => v.name === 'config')!.configMap!.name).toBe('otel-collector-config');
    const files = container.args!.map((a) => a.replace(`--config=${mount.mountPath}/`, ''));
    expect(files).toEqual(['base.yaml', 'catalog.yaml', 'exporters-remote-write.yaml']);
    const keys = generated.files!.map((f) => f.split('/').pop());
    for (const f of files) expect(keys).toContain(f);
  });

  it('probes the port the health_check extension binds', () => {
    const health = (composeFiles(['base.yaml']) as { extensions: { health_check: { endpoint: string } } })
      .extensions.health_check.endpoint;
    const port = container.ports!.find((p) => p.name === container.livenessProbe!.httpGet!.port)!;
    expect(health).toMatch(new RegExp(`:${port.containerPort}\\}$`));
  });

  it('gets the bearer token from a Secret, never from a literal', () => {
    const token = container.env!.find((e) => e.name === 'BIZMETRICS_COLLECTOR_TOKEN')!;
    expect(token.value).toBeUndefined();
    expect(token.valueFrom).toMatchObject({ secretKeyRef: { name: 'bizmetrics-collector', key: 'token' } });
  });
});

describe.each(['shop', 'browser-gateway'])('%s', (name) => {
  const container = deployment(name).spec.template!.spec.containers[0]!;
  const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value]));

  it('configures the SDK purely by OTel variables, sending OTLP to the agent tier', () => {
    expect(env).toMatchObject({
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-agent:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    });
    expect(container.args).toBeUndefined();
  });

  it('gives every replica its own service.instance.id (the pod name)', () => {
    expect(env['OTEL_RESOURCE_ATTRIBUTES']).toContain('service.instance.id=$(POD_NAME)');
    const names = container.env!.map((e) => e.name);
    expect(names.indexOf('POD_NAME')).toBeLessThan(names.indexOf('OTEL_RESOURCE_ATTRIBUTES'));
  });
});

describe('the Dockerfile of the app image', () => {
  it('exists next to its .dockerignore, which keeps host node_modules out', () => {
    expect(existsSync(join(DIR, 'Dockerfile'))).toBe(true);
    expect(readFileSync(join(DIR, 'Dockerfile.dockerignore'), 'utf8')).toContain('**/node_modules');
  });
});
