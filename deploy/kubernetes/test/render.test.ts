// Renders deploy/kubernetes and its overlay with the real kustomize (built by deploy/local/build-go.sh
// from its Go module) and checks what a cluster would get: every object against the Kubernetes and
// prometheus-operator schemas (kubernetes-models), every pod against the restricted Pod Security
// Standard with the library the API server's PodSecurity admission runs (tools/pss), the
// NetworkPolicies, the generated monitoring objects, and the rules under promtool.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stackBin } from '@bizmetrics/local-stack';
import { STACK_BIN } from '@bizmetrics/local-stack/support';
import { defaultConfig, generateArtifacts } from '@bizmetrics/rules';
import {
  PrometheusRule,
  ServiceMonitor,
} from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Service } from 'kubernetes-models/v1';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';

const DIR = resolve(import.meta.dirname, '..');
const OVERLAY = join(DIR, 'overlays/prometheus-operator');
const KUSTOMIZE = join(STACK_BIN, 'kustomize');
const PSS = join(STACK_BIN, 'pss');
const INSTALL = 'run `corepack pnpm stack:install` (deploy/local/build-go.sh builds it into .stack/bin)';
for (const bin of [KUSTOMIZE, PSS]) if (!existsSync(bin)) throw new Error(`${bin} is missing: ${INSTALL}`);

// biome-ignore lint/suspicious/noExplicitAny: rendered manifests are checked against schemas below
type Obj = Record<string, any>;

/** `kustomize build <dir>`: the objects, in kustomize's order. */
function render(dir: string): Obj[] {
  const out = execFileSync(KUSTOMIZE, ['build', dir], { encoding: 'utf8', maxBuffer: 32 << 20 });
  return parseAllDocuments(out).map((d) => d.toJS() as Obj);
}

const base = render(DIR);
const overlay = render(OVERLAY);
const id = (o: Obj) => `${o['kind']}/${o['metadata'].name}`;
const ofKind = (objects: Obj[], kind: string) => objects.filter((o) => o['kind'] === kind);
const workloads = ofKind(base, 'Deployment');
const find = (objects: Obj[], kind: string, name: string) =>
  objects.find((o) => o['kind'] === kind && o['metadata'].name === name)!;

/** The schema model of each apiVersion/kind the manifests may use; anything else fails the test. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
};

/** The schema errors of an object ('' when valid). */
function schemaErrors(o: Obj): string {
  const Model = MODELS[`${o['apiVersion']}/${o['kind']}`];
  if (!Model) return `no schema model for ${o['apiVersion']} ${o['kind']}`;
  try {
    new Model(o as never).validate();
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

interface PssResult {
  kind: string;
  name: string;
  level: string;
  allowed: boolean;
  forbidden: { reason: string; detail?: string }[];
}

/** Runs tools/pss (k8s.io/pod-security-admission) on objects at a level: one result per pod. */
function podSecurity(objects: Obj[], level: string): { status: number; results: PssResult[] } {
  const run = spawnSync(PSS, ['-level', level], {
    input: objects.map((o) => stringify(o)).join('---\n'),
    encoding: 'utf8',
  });
  if (run.status !== 0 && run.status !== 3) throw new Error(`pss: ${run.stderr}`);
  return {
    status: run.status,
    results: run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as PssResult),
  };
}

describe('kustomize build deploy/kubernetes', () => {
  it('renders the namespace, both collector tiers, the browser gateway and the shop into the bizmetrics namespace', () => {
    expect(workloads.map((d) => d['metadata'].name).sort()).toEqual([
      'browser-gateway',
      'otel-agent',
      'otel-collector',
      'shop',
    ]);
    for (const o of base.filter((x) => x['kind'] !== 'Namespace'))
      expect(o['metadata'].namespace, id(o)).toBe('bizmetrics');
    expect(find(base, 'Namespace', 'bizmetrics')).toBeDefined();
  });

  it.each([
    ['deploy/kubernetes', base],
    ['overlays/prometheus-operator', overlay],
  ])('%s: every object passes its Kubernetes or prometheus-operator schema', (_name, objects) => {
    expect(objects.length).toBeGreaterThan(20);
    expect(objects.map((o) => [id(o), schemaErrors(o)]).filter(([, e]) => e)).toEqual([]);
  });

  it('the schema check rejects what the API server would (it is not vacuous)', () => {
    const d = structuredClone(find(base, 'Deployment', 'shop'));
    d['spec'].template.spec.containers[0].ports[0].containerPort = 'http';
    d['spec'].template.spec.securityContext.runAsUser = '10001';
    expect(schemaErrors(d)).toMatch(/containerPort must be integer/);
    expect(schemaErrors(d)).toMatch(/runAsUser must be integer/);
    const sm = structuredClone(find(overlay, 'ServiceMonitor', 'bizmetrics-kpis'));
    sm['spec'].endpoints[0].interval = '15 seconds';
    expect(schemaErrors(sm)).toMatch(/interval must match pattern/);
    expect(schemaErrors({ apiVersion: 'v1', kind: 'Pod' })).toMatch(/no schema model/);
  });
});

interface FieldsResult {
  kind: string;
  name: string;
  typed: boolean;
  error?: string;
}

/** Runs `tools/pss -fields`: each object decoded strictly into its k8s.io/api type, as the API server does. */
function strictFields(objects: Obj[]): { status: number; results: FieldsResult[] } {
  const run = spawnSync(PSS, ['-fields'], {
    input: objects.map((o) => stringify(o)).join('---\n'),
    encoding: 'utf8',
  });
  if (run.status !== 0 && run.status !== 3) throw new Error(`pss -fields: ${run.stderr}`);
  const results = run.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as FieldsResult);
  return { status: run.status, results };
}

describe('strict field validation (what the API server refuses and these schemas let through)', () => {
  it.each([
    ['deploy/kubernetes', base],
    ['overlays/prometheus-operator', overlay],
  ])('%s: every built-in object decodes into its k8s.io/api type with no unknown field', (_n, objects) => {
    const { status, results } = strictFields(objects);
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(status).toBe(0);
    // Only the operator's custom resources have no k8s.io/api type; the schema check above covers them.
    expect([...new Set(results.filter((r) => !r.typed).map((r) => r.kind))].sort()).toEqual(
      [
        ...new Set(
          objects.map((o) => o['kind']).filter((k) => k === 'PrometheusRule' || k === 'ServiceMonitor'),
        ),
      ].sort(),
    );
  });

  it('refuses a misspelt field that the schema check accepts', () => {
    const d = structuredClone(find(base, 'Deployment', 'shop'));
    const sc = d['spec'].template.spec.containers[0].securityContext;
    sc.readOnlyRootFileSystem = sc.readOnlyRootFilesystem;
    delete sc.readOnlyRootFilesystem;
    expect(schemaErrors(d)).toBe('');
    const { status, results } = strictFields([d]);
    expect(status).toBe(3);
    expect(results[0]!.error).toContain(
      'unknown field "spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem"',
    );
  });
});

describe('Pod Security: what the namespace admission (restricted) says of every pod', () => {
  const namespace = find(base, 'Namespace', 'bizmetrics');
  const level = namespace['metadata'].labels['pod-security.kubernetes.io/enforce'];

  it('the namespace enforces, warns and audits the restricted profile', () => {
    expect(namespace['metadata'].labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    });
  });

  it.each([
    ['deploy/kubernetes', base],
    ['overlays/prometheus-operator', overlay],
  ])('%s: k8s.io/pod-security-admission allows every workload at the enforced level', (_n, objects) => {
    const { status, results } = podSecurity(objects, level);
    expect(results.map((r) => [r.name, r.allowed, r.forbidden])).toEqual(
      ofKind(objects, 'Deployment').map((d) => [d['metadata'].name, true, []]),
    );
    expect(status).toBe(0);
  });

  it('denies a pod without the hardening, naming each restricted rule it breaks', () => {
    const d = structuredClone(find(base, 'Deployment', 'shop'));
    const pod = d['spec'].template.spec;
    delete pod.securityContext;
    delete pod.containers[0].securityContext;
    const { status, results } = podSecurity([d], 'restricted');
    expect(status).toBe(3);
    expect(results[0]!.forbidden.map((f) => f.reason).sort()).toEqual([
      'allowPrivilegeEscalation != false',
      'runAsNonRoot != true',
      'seccompProfile',
      'unrestricted capabilities',
    ]);
  });
});

describe.each(workloads.map((d) => [d['metadata'].name, d] as const))('%s pod', (_name, d) => {
  const pod = d['spec'].template.spec;
  const containers: Obj[] = [...(pod.initContainers ?? []), ...pod.containers];

  it('runs as a numeric non-root user and group, with the runtime seccomp profile and no API token', () => {
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(pod.securityContext.runAsGroup).toBeGreaterThan(0);
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it('every container: no privilege escalation, all capabilities dropped, read-only root filesystem', () => {
    for (const c of containers)
      expect(c['securityContext'], c['name']).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
  });

  it('every container: CPU and memory requests and limits, readiness and liveness probes over HTTP', () => {
    for (const c of containers) {
      expect(Object.keys(c['resources'].requests).sort(), c['name']).toEqual(['cpu', 'memory']);
      expect(Object.keys(c['resources'].limits).sort(), c['name']).toEqual(['cpu', 'memory']);
      expect(c['readinessProbe'].httpGet.port, c['name']).toBeDefined();
      expect(c['livenessProbe'].httpGet.port, c['name']).toBeDefined();
    }
  });

  it('writes only to mounted volumes: each writable mount is an emptyDir with a size limit', () => {
    const volumes = new Map<string, Obj>((pod.volumes ?? []).map((v: Obj) => [v['name'], v]));
    for (const c of containers)
      for (const m of c['volumeMounts'] ?? []) {
        const v = volumes.get(m.name)!;
        if (m.readOnly) continue;
        expect(v['emptyDir']?.sizeLimit, `${c['name']} ${m.mountPath}`).toBeDefined();
      }
  });

  it('the app image runs built JavaScript with plain node: no package manager, no loader flags', () => {
    for (const c of containers.filter((x) => x['image'].startsWith('bizmetrics/app'))) {
      expect(c['command'][0]).toBe('node');
      expect(c['command'][1]).toMatch(/^\/app\/\w+\/dist\/main\.js$/);
      expect(c['command'].join(' ')).not.toMatch(/pnpm|corepack|npm|--conditions|\.ts\b/);
    }
  });
});

describe('NetworkPolicy', () => {
  const policies = ofKind(base, 'NetworkPolicy');
  const selects = (p: Obj, labels: Record<string, string>) =>
    Object.entries(p['spec'].podSelector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const podLabels = (name: string) => find(base, 'Deployment', name)['spec'].template.metadata.labels;

  it('denies all ingress and egress in the namespace by default, allowing DNS to kube-dns only', () => {
    expect(find(base, 'NetworkPolicy', 'default-deny')['spec']).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    const dns = find(base, 'NetworkPolicy', 'allow-dns')['spec'];
    expect(dns.egress).toHaveLength(1);
    expect(dns.egress[0].ports.map((p: Obj) => p['port'])).toEqual([53, 53]);
  });

  it.each(workloads.map((d) => d['metadata'].name))(
    '%s has its own policy for ingress and egress',
    (name) => {
      const own = policies.filter((p) => p['metadata'].name === name);
      expect(own).toHaveLength(1);
      expect(selects(own[0]!, podLabels(name))).toBe(true);
      expect(own[0]!['spec'].policyTypes).toEqual(['Ingress', 'Egress']);
    },
  );

  it('collector OTLP ports admit only pods of the namespace (no namespaceSelector, no ipBlock)', () => {
    for (const name of ['otel-agent', 'otel-collector']) {
      const rules: Obj[] = find(base, 'NetworkPolicy', name)['spec'].ingress;
      const otlp = rules.filter((r) =>
        r['ports'].some((p: Obj) => ['otlp-grpc', 'otlp-http'].includes(p['port'])),
      );
      expect(otlp.length, name).toBeGreaterThan(0);
      for (const r of otlp) for (const f of r['from']) expect(Object.keys(f), name).toEqual(['podSelector']);
    }
    // The gateway tier only from the agents: that hop has no bearer token.
    const gateway = find(base, 'NetworkPolicy', 'otel-collector')['spec'].ingress[0];
    expect(gateway.from).toEqual([
      { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'otel-agent' } } },
    ]);
  });

  it('the browser gateway is the only public entry: the one rule open to any source, the one Ingress', () => {
    const open = policies.filter((p) => (p['spec'].ingress ?? []).some((r: Obj) => !r['from']));
    expect(open.map((p) => p['metadata'].name)).toEqual(['browser-gateway']);
    const ingresses = ofKind(base, 'Ingress');
    expect(ingresses.map((i) => i['spec'].rules[0].http.paths[0].backend.service.name)).toEqual([
      'browser-gateway',
    ]);
    expect(ofKind(base, 'Service').filter((s) => s['spec'].type && s['spec'].type !== 'ClusterIP')).toEqual(
      [],
    );
  });
});

describe('collector auth in the cluster', () => {
  const env = (name: string) =>
    Object.fromEntries(
      find(base, 'Deployment', name)['spec'].template.spec.containers[0].env.map((e: Obj) => [e['name'], e]),
    );

  it('the agent tier, where services send, runs auth.yaml with the token from the Secret', () => {
    const agent = find(base, 'Deployment', 'otel-agent')['spec'].template.spec.containers[0];
    expect(agent.args).toContain('--config=/etc/bizmetrics/auth.yaml');
    expect(env('otel-agent')['BIZMETRICS_INTERNAL_TOKEN'].valueFrom).toEqual({
      secretKeyRef: { name: 'bizmetrics-collector', key: 'internal-token' },
    });
  });

  it.each(['shop', 'browser-gateway'])(
    '%s sends the same token with OTEL_EXPORTER_OTLP_HEADERS, expanded from the Secret',
    (name) => {
      const e = env(name);
      expect(e['BIZMETRICS_INTERNAL_TOKEN'].valueFrom).toEqual({
        secretKeyRef: { name: 'bizmetrics-collector', key: 'internal-token' },
      });
      expect(e['OTEL_EXPORTER_OTLP_HEADERS'].value).toBe(
        'Authorization=Bearer%20$(BIZMETRICS_INTERNAL_TOKEN)',
      );
      const names = Object.keys(e);
      expect(names.indexOf('BIZMETRICS_INTERNAL_TOKEN')).toBeLessThan(
        names.indexOf('OTEL_EXPORTER_OTLP_HEADERS'),
      );
    },
  );

  it('the collector configs in the rendered ConfigMap are the files shipped-configs validates', () => {
    // kustomize appends a hash of the content to a generated ConfigMap's name.
    const data: Record<string, string> = ofKind(base, 'ConfigMap').find((c) =>
      c['metadata'].name.startsWith('otel-collector-config-'),
    )!['data'];
    const dir = join(DIR, 'collector/config');
    expect(Object.keys(data).sort()).toEqual(readdirSync(dir).sort());
    for (const [file, content] of Object.entries(data))
      expect(content, file).toBe(readFileSync(join(dir, file), 'utf8'));
  });
});

describe('overlays/prometheus-operator', () => {
  const generated = Object.fromEntries(
    generateArtifacts(defaultConfig)
      .filter((a) => a.path.startsWith('kubernetes/'))
      .map((a) => [a.path.slice('kubernetes/'.length), a.content]),
  );
  let tmp: string | undefined;
  afterAll(() => tmp && rmSync(tmp, { recursive: true, force: true }));

  it.each(Object.keys(generated))(
    'generated/%s equals `bizmetrics rules generate` output for the default config',
    (file) => {
      expect(readFileSync(join(OVERLAY, 'generated', file), 'utf8')).toBe(generated[file]);
    },
  );

  it('has the same settings as deploy/kubernetes and every object of it', () => {
    const k = (dir: string) => parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'));
    const [b, o] = [k(DIR), k(OVERLAY)];
    for (const key of ['namespace', 'labels', 'images']) expect(o[key], key).toEqual(b[key]);
    expect(o.resources.filter((r: string) => r.startsWith('../../'))).toEqual(
      b.resources.map((r: string) => `../../${r}`),
    );
    expect(overlay.map(id)).toEqual(expect.arrayContaining(base.map(id)));
  });

  it('switches the gateway tier to the Prometheus exporter that the ServiceMonitor scrapes', () => {
    const c = find(overlay, 'Deployment', 'otel-collector')['spec'].template.spec.containers[0];
    expect(c.args.at(-1)).toBe('--config=/etc/bizmetrics/exporters-prometheus.yaml');
    const sm = find(overlay, 'ServiceMonitor', 'bizmetrics-kpis')['spec'];
    const svc = ofKind(overlay, 'Service').filter((s) =>
      Object.entries(sm.selector.matchLabels).every(([k, v]) => s['metadata'].labels?.[k] === v),
    );
    const port = svc.flatMap((s) => s['spec'].ports).find((p: Obj) => p['name'] === sm.endpoints[0].port);
    expect(c.ports.find((p: Obj) => p['name'] === port.targetPort).containerPort).toBe(8889);
    const ingress = find(overlay, 'NetworkPolicy', 'otel-collector')['spec'].ingress;
    expect(ingress.some((r: Obj) => r['ports'].some((p: Obj) => p['port'] === 'prometheus'))).toBe(true);
  });

  it('the ServiceMonitor keeps every raw series the PrometheusRule reads, and the rules pass promtool', () => {
    const rule = find(overlay, 'PrometheusRule', 'bizmetrics-rules');
    const keep = new RegExp(
      `^${find(overlay, 'ServiceMonitor', 'bizmetrics-kpis')['spec'].endpoints[0].metricRelabelings[0].regex}$`,
    );
    const exprs: string[] = rule['spec'].groups.flatMap((g: Obj) => g['rules'].map((r: Obj) => r['expr']));
    const raw = new Set(exprs.flatMap((e) => e.match(/(?<![:\w])business_[a-z_]+(?![:\w])/g) ?? []));
    expect(raw.size).toBeGreaterThan(3);
    for (const name of raw) expect(keep.test(name), name).toBe(true);
    tmp = mkdtempSync(join(tmpdir(), 'bizmetrics-k8s-rules-'));
    const file = join(tmp, 'rules.yaml');
    writeFileSync(file, stringify({ groups: rule['spec'].groups }));
    const check = spawnSync(stackBin('promtool'), ['check', 'rules', file], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toMatch(/SUCCESS: \d+ rules found/);
    expect(check.status).toBe(0);
  });
});
