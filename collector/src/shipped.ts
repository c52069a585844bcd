import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { BASE_FILES, COLLECTOR_DIR, EXPORTER_OVERLAYS, OPTIONAL_OVERLAYS } from './compose.ts';

/** One collector command line the project ships: its `--config` files and the variables it gets. */
export interface ShippedCombination {
  /** Where it is shipped, e.g. `collector: prometheus`, `compose`, `kubernetes: remote-write`. */
  readonly name: string;
  /** Absolute paths, in `--config` order. */
  readonly files: readonly string[];
  /** The variables that deployment sets (secrets get a placeholder value). */
  readonly env: Readonly<Record<string, string>>;
}

const REPO = resolve(COLLECTOR_DIR, '..');
/** The value given to variables a deployment takes from a secret. */
export const SECRET_PLACEHOLDER = 'secret-from-the-deployment';

/**
 * Every shipped collector command line, read from the files that ship it (nothing listed by hand):
 * base + catalog + each overlay as collector/README.md documents them; the compose service; the
 * Kubernetes Deployment with each overlay of its ConfigMap (its README says to switch the third
 * `--config` to pick a backend), with the generator's literals and the Secret.
 */
export function shippedCombinations(): ShippedCombination[] {
  return [...collectorReadme(), compose(), ...kubernetes()];
}

/** The variables an overlay requires, with the example value collector/README.md gives. */
const REQUIRED_EXAMPLES: Partial<Record<keyof typeof EXPORTER_OVERLAYS, Record<string, string>>> = {
  'load-balancing': { BIZMETRICS_LB_HOSTNAMES: '[gateway-1:4317, gateway-2:4317]' },
};

/**
 * Where collector/README.md's TLS command line mounts the certificate files (a Kubernetes TLS
 * Secret's keys). `otelcol validate` does not open them; a start needs real files.
 */
export const TLS_EXAMPLE_ENV = {
  BIZMETRICS_TLS_CERT_FILE: '/etc/bizmetrics/tls/tls.crt',
  BIZMETRICS_TLS_KEY_FILE: '/etc/bizmetrics/tls/tls.key',
  BIZMETRICS_TLS_CLIENT_CA_FILE: '/etc/bizmetrics/tls/ca.crt',
} as const;

/** The exporter overlay collector/README.md shows with the TLS overlay. */
export const TLS_EXAMPLE_BACKEND = 'remote-write' satisfies keyof typeof EXPORTER_OVERLAYS;

function collectorReadme(): ShippedCombination[] {
  const perBackend = Object.entries(EXPORTER_OVERLAYS).map(([backend, overlay]) => ({
    name: `collector: ${backend}`,
    files: [...BASE_FILES, overlay].map((f) => join(COLLECTOR_DIR, f)),
    env: {
      BIZMETRICS_COLLECTOR_TOKEN: SECRET_PLACEHOLDER,
      ...REQUIRED_EXAMPLES[backend as keyof typeof EXPORTER_OVERLAYS],
    },
  }));
  const tls = {
    name: `collector: tls + ${TLS_EXAMPLE_BACKEND}`,
    files: [...BASE_FILES, OPTIONAL_OVERLAYS.tls, EXPORTER_OVERLAYS[TLS_EXAMPLE_BACKEND]].map((f) =>
      join(COLLECTOR_DIR, f),
    ),
    env: { BIZMETRICS_COLLECTOR_TOKEN: SECRET_PLACEHOLDER, ...TLS_EXAMPLE_ENV },
  };
  return [...perBackend, tls];
}

interface ComposeService {
  command: string[];
  volumes: string[];
  environment?: Record<string, string>;
}

function compose(): ShippedCombination {
  const dir = join(REPO, 'deploy/compose');
  const file = parse(readFileSync(join(dir, 'compose.yaml'), 'utf8')) as {
    services: Record<string, ComposeService>;
  };
  const service = file.services['collector'];
  if (!service) throw new Error('deploy/compose/compose.yaml has no collector service');
  // Container path → host path, from the bind mounts (`host:container:ro`).
  const mounts = service.volumes.map((v) => {
    const [host, container] = v.split(':') as [string, string];
    return { host: resolve(dir, host), container };
  });
  const hostPath = (path: string) => {
    const m = mounts.find((x) => path === x.container || path.startsWith(`${x.container}/`));
    if (!m) throw new Error(`compose collector: ${path} is not mounted`);
    return m.host + path.slice(m.container.length);
  };
  const files = service.command
    .filter((a) => a.startsWith('--config='))
    .map((a) => hostPath(a.slice('--config='.length)));
  // `${VAR:-default}` as compose resolves it when VAR is unset.
  const env = Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([k, v]) => [
      k,
      String(v).replace(/\$\{\w+:-([^}]*)\}/g, '$1'),
    ]),
  );
  return { name: 'compose', files, env };
}

interface Container {
  args: string[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
}

function kubernetes(): ShippedCombination[] {
  const dir = join(REPO, 'deploy/kubernetes/collector');
  const kustomization = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as {
    configMapGenerator: { name: string; files?: string[]; literals?: string[] }[];
  };
  const literals = kustomization.configMapGenerator.flatMap((g) => g.literals ?? []);
  const configDir = join(dir, 'config');
  const mounted = (arg: string) => join(configDir, arg.slice('--config=/etc/bizmetrics/'.length));
  const overlays = readdirSync(configDir).filter((f) => f.startsWith('exporters-'));
  const deployment = (file: string) => {
    const d = parse(readFileSync(join(dir, file), 'utf8')) as {
      metadata: { name: string };
      spec: { template: { spec: { containers: Container[] } } };
    };
    const container = d.spec.template.spec.containers[0]!;
    const env: Record<string, string> = Object.fromEntries(
      literals.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    for (const e of container.env ?? []) env[e.name] = e.value ?? SECRET_PLACEHOLDER;
    return {
      name: d.metadata.name,
      args: container.args.filter((a) => a.startsWith('--config=')).map(mounted),
      env,
    };
  };
  // The gateway Deployment with each backend overlay of the ConfigMap (its README says to switch the
  // third --config to pick a backend); the agent Deployment as shipped.
  const gateway = deployment('deployment.yaml');
  const agent = deployment('agent-deployment.yaml');
  const backends = overlays.filter((o) => !o.startsWith('exporters-load-balancing'));
  return [
    ...backends.map((overlay) => ({
      name: `kubernetes: ${overlay}${gateway.args.at(-1) === join(configDir, overlay) ? ' (the Deployment as shipped)' : ''}`,
      files: [...gateway.args.slice(0, -1), join(configDir, overlay)],
      env: gateway.env,
    })),
    { name: `kubernetes: ${agent.name} (agent tier)`, files: agent.args, env: agent.env },
  ];
}

/** The Helm values' `config` block as the chart runs it: entries set to null remove chart defaults. */
export function helmConfig(valuesPath = join(REPO, 'deploy/kubernetes/helm/collector-values.yaml')): unknown {
  const values = parse(readFileSync(valuesPath, 'utf8')) as { config: unknown };
  const dropNulls = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== null)
            .map(([k, x]) => [k, dropNulls(x)]),
        )
      : v;
  return dropNulls(values.config);
}
