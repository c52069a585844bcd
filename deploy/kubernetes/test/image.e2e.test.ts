// The app image without a Docker engine: runs the build stage of deploy/kubernetes/Dockerfile (its
// ENV and every `&&` step of its RUN, read from the file) in a copy of the repository made as
// `COPY . .` with Dockerfile.dockerignore would, then starts the Deployments' commands from /app with
// plain `node` — no pnpm, no --conditions, no TypeScript — and the env of their manifests, sending
// OTLP with the in-cluster token to our collector running collector/auth.yaml as the agent tier does.
// The built /app is cached in .stack/build/app-image-<hash of the copied files>: a second run with
// the same sources only starts the entry points (a build: about 30 s warm, 70 s with a cold tsc and
// pnpm store on 2 cores).
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import {
  eventually,
  freePort,
  REPO_ROOT,
  type RunningCollector,
  startCollector,
} from '@bizmetrics/local-stack';
import { stopPid } from '@bizmetrics/local-stack/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const K8S = resolve(import.meta.dirname, '..');
const DOCKERFILE = readFileSync(join(K8S, 'Dockerfile'), 'utf8');
const IGNORE = readFileSync(join(K8S, 'Dockerfile.dockerignore'), 'utf8');
const TOKEN = 'in-cluster-test-token';

interface Stage {
  readonly from: string;
  readonly name: string | undefined;
  readonly env: Record<string, string>;
  readonly run: string[];
  readonly user: string | undefined;
}

/** The stages of a Dockerfile: FROM, ENV pairs, RUN commands (continuation lines joined), USER. */
function stages(text: string): Stage[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const out: {
    from: string;
    name: string | undefined;
    env: Record<string, string>;
    run: string[];
    user?: string;
  }[] = [];
  for (const line of lines) {
    const [op, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op === 'FROM') out.push({ from: rest[0]!, name: rest[2], env: {}, run: [] });
    const stage = out.at(-1)!;
    if (op === 'ENV')
      for (const pair of rest) stage.env[pair.split('=')[0]!] = pair.slice(pair.indexOf('=') + 1);
    if (op === 'RUN') stage.run.push(args);
    if (op === 'USER') stage.user = args;
  }
  return out.map((s) => ({ ...s, user: s.user }));
}

const [build, runtime] = stages(DOCKERFILE) as [Stage, Stage];

/** Path filter for `COPY . .` under the .dockerignore: `**\/name` anywhere, `name` at the root. */
function ignored(): (rel: string) => boolean {
  const anywhere: string[] = [];
  const atRoot: string[] = [];
  for (const p of IGNORE.split('\n').map((l) => l.trim())) {
    if (!p || p.startsWith('#')) continue;
    if (/^\*\*\/[\w.-]+$/.test(p)) anywhere.push(p.slice(3));
    else if (/^[\w.-]+$/.test(p)) atRoot.push(p);
    else throw new Error(`Dockerfile.dockerignore: pattern ${p} is not one this test can apply`);
  }
  return (rel) => {
    const parts = rel.split('/');
    return atRoot.includes(parts[0]!) || parts.some((x) => anywhere.includes(x));
  };
}

/** Every file the build context holds, relative to the root, sorted. */
function contextFiles(skip: (rel: string) => boolean, dir = REPO_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const path = join(dir, e.name);
      const rel = relative(REPO_ROOT, path);
      if (skip(rel)) return [];
      return e.isDirectory() ? contextFiles(skip, path) : e.isFile() ? [rel] : [];
    })
    .sort();
}

/** Runs the build stage into .stack/build/app-image-<key>/ unless that exists; returns it. */
function buildApp(): string {
  const skip = ignored();
  const files = contextFiles(skip);
  const hash = createHash('sha256');
  for (const f of files)
    hash
      .update(`${f}\0`)
      .update(readFileSync(join(REPO_ROOT, f)))
      .update('\0');
  const dir = join(REPO_ROOT, '.stack/build', `app-image-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(dir, 'shop/dist/main.js'))) return dir;
  mkdirSync(join(REPO_ROOT, '.stack/build'), { recursive: true });
  // Not `.tmp-*`: build-go.sh removes those when it starts, which another run may do meanwhile.
  const tmp = mkdtempSync(join(REPO_ROOT, '.stack/build/.building-app-image-'));
  try {
    const src = join(tmp, 'src');
    for (const f of files) {
      mkdirSync(dirname(join(src, f)), { recursive: true });
      copyFileSync(join(REPO_ROOT, f), join(src, f));
      chmodSync(join(src, f), statSync(join(REPO_ROOT, f)).mode);
    }
    const env: NodeJS.ProcessEnv = { ...process.env, ...build.env };
    delete env['NODE_ENV'];
    for (const run of build.run)
      for (const step of run.split('&&').map((s) => s.trim())) {
        const r = spawnSync('bash', ['-c', `${step.replaceAll(' /app/', ` ${tmp}/app/`)} 2>&1`], {
          cwd: src,
          env,
          encoding: 'utf8',
          maxBuffer: 64 << 20,
        });
        if (r.status !== 0)
          throw new Error(
            `Dockerfile step \`${step}\` failed (${r.status}):\n${r.stdout.split('\n').slice(-40).join('\n')}`,
          );
      }
    // One build is kept: the previous sources' folders go (about 100 MB each).
    for (const old of readdirSync(join(REPO_ROOT, '.stack/build')).filter((d) => d.startsWith('app-image-')))
      rmSync(join(REPO_ROOT, '.stack/build', old), { recursive: true, force: true });
    renameSync(join(tmp, 'app'), dir);
    return dir;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

interface Container {
  command: string[];
  env: { name: string; value?: string; valueFrom?: { fieldRef?: unknown; secretKeyRef?: unknown } }[];
}
const container = (folder: string) =>
  (
    parse(readFileSync(join(K8S, folder, 'deployment.yaml'), 'utf8')) as {
      spec: { template: { spec: { containers: Container[]; securityContext: { runAsUser: number } } } };
    }
  ).spec.template.spec;

/** A container's env as the kubelet makes it: fieldRef → the pod name, Secret → the token, $(VAR) expanded. */
function podEnv(c: Container, podName: string, overrides: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of c.env) {
    const v = e.valueFrom?.fieldRef ? podName : e.valueFrom?.secretKeyRef ? TOKEN : (e.value ?? '');
    env[e.name] = overrides[e.name] ?? v.replace(/\$\((\w+)\)/g, (m, name: string) => env[name] ?? m);
  }
  return { ...env, ...overrides };
}

let app: string;
let collector: RunningCollector;
const children: ChildProcess[] = [];

/** Starts a manifest's command with plain node from the built /app; resolves when /healthz answers. */
async function startEntry(folder: string, env: Record<string, string>, url: string): Promise<ChildProcess> {
  const [bin, ...args] = container(folder).containers[0]!.command;
  expect(bin).toBe('node');
  const child = spawn(
    process.execPath,
    args.map((a) => a.replace(/^\/app\//, `${app}/`)),
    {
      cwd: app,
      // Only the manifest's variables and PATH: nothing of this shell or of pnpm reaches the process.
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const healthy = async () => child.exitCode === null && (await fetch(`${url}/healthz`)).status === 200;
  await eventually(healthy, 20_000);
  if (!(await healthy().catch(() => false))) throw new Error(`${folder} did not serve /healthz: ${output}`);
  return child;
}

beforeAll(async () => {
  app = buildApp();
  const dir = join(REPO_ROOT, 'collector');
  collector = await startCollector({
    configFiles: ['base.yaml', 'catalog.yaml', 'auth.yaml', 'exporters/prometheus.yaml'].map((f) =>
      join(dir, f),
    ),
    env: { BIZMETRICS_INTERNAL_TOKEN: TOKEN },
  });
}, 900_000);

afterAll(async () => {
  for (const c of children) if (c.pid && c.exitCode === null) await stopPid(c.pid);
  await collector?.stop();
});

describe('the app image (deploy/kubernetes/Dockerfile), built as its build stage builds it', () => {
  it('builds and runs on the same pinned Node image, and this test runs that Node major', () => {
    expect(build.name).toBe('build');
    expect(runtime.from).toBe(build.from);
    expect(runtime.from).toMatch(/^node:\d+\.\d+\.\d+-/);
    expect(process.versions.node.split('.')[0]).toBe(runtime.from.slice('node:'.length).split('.')[0]);
  });

  it('runs as the numeric non-root user the Deployments name', () => {
    expect(runtime.user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    for (const folder of ['shop', 'gateway'])
      expect(container(folder).securityContext.runAsUser).toBe(Number(runtime.user!.split(':')[0]));
  });

  it('holds built JavaScript and production dependencies only: no package manager, no TypeScript', () => {
    for (const entry of ['shop', 'cli']) {
      expect(existsSync(join(app, entry, 'dist/main.js')), entry).toBe(true);
      const modules = readdirSync(join(app, entry, 'node_modules'));
      for (const tool of ['pnpm', 'corepack', 'typescript', 'vitest', '@biomejs', 'node'])
        expect(modules, `${entry}: ${tool}`).not.toContain(tool);
    }
    const sdk = join(app, 'shop/node_modules/@bizmetrics/sdk');
    expect(readdirSync(sdk).sort()).toEqual(['README.md', 'dist', 'package.json']);
  });
});

describe('the compose init command (deploy/compose) with the same image', () => {
  it('writes the rules, the PrometheusRule, the ServiceMonitor and the dashboards with plain node', () => {
    const init = (
      parse(readFileSync(join(REPO_ROOT, 'deploy/compose/compose.yaml'), 'utf8')) as {
        services: { init: { command: string[] } };
      }
    ).services.init.command;
    const out = mkdtempSync(join(tmpdir(), 'bizmetrics-compose-init-'));
    try {
      const [bin, ...args] = init;
      expect(bin).toBe('node');
      execFileSync(
        process.execPath,
        args.map((a) => (a === '/generated' ? out : a.replace(/^\/app\//, `${app}/`))),
        { cwd: app, env: { PATH: process.env['PATH'] ?? '' }, stdio: 'pipe' },
      );
      for (const f of [
        'rules/bizmetrics.rules.yaml',
        'kubernetes/bizmetrics.prometheusrule.yaml',
        'kubernetes/bizmetrics.servicemonitor.yaml',
        'dashboards/bizmetrics-overview.json',
      ])
        expect(existsSync(join(out, f)), f).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("the Deployments' commands with plain node and their manifests' env", () => {
  it('the shop serves, and its KPIs reach the collector with the in-cluster token', async () => {
    const port = await freePort();
    const c = container('shop').containers[0]!;
    const env = podEnv(c, 'shop-7d9f-abcde', {
      SHOP_HOST: '127.0.0.1',
      SHOP_PORT: String(port),
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.otlpHttpUrl,
      OTEL_METRIC_EXPORT_INTERVAL: '1000',
    });
    expect(env['OTEL_EXPORTER_OTLP_HEADERS']).toBe(`Authorization=Bearer%20${TOKEN}`);
    const url = `http://127.0.0.1:${port}`;
    await startEntry('shop', env, url);
    const checkout = await fetch(`${url}/api/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cartMinor: 4200, currency: 'EUR' }),
    });
    expect(checkout.status).toBeLessThan(300);
    const series =
      /business_funnel_steps_total\{[^}]*instance="shop-7d9f-abcde"[^}]*job="shop"[^}]*step="cart_view"[^}]*\} 1\b/;
    const exported = async () => (await fetch(`http://${collector.prometheusTarget}/metrics`)).text();
    await eventually(async () => series.test(await exported()), 20_000);
    expect(await exported()).toMatch(series);
  });

  it('the collector refuses a sender without the token (HTTP 401)', async () => {
    const res = await fetch(`${collector.otlpHttpUrl}/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"resourceMetrics":[]}',
    });
    expect(res.status).toBe(401);
  });

  it('the browser gateway (`bizmetrics gateway`) serves its health and its OTLP path, and its metrics reach the collector', async () => {
    const port = await freePort();
    const env = podEnv(container('gateway').containers[0]!, 'browser-gateway-5c4b-fghij', {
      BIZMETRICS_GATEWAY_LISTEN: `127.0.0.1:${port}`,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.otlpHttpUrl,
      OTEL_METRIC_EXPORT_INTERVAL: '1000',
    });
    const url = `http://127.0.0.1:${port}`;
    await startEntry('gateway', env, url);
    // An origin the gateway does not allow: refused by the handler, which shows it is the gateway's.
    const res = await fetch(`${url}/v1/metrics`, {
      method: 'POST',
      headers: { origin: 'https://elsewhere.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    // Its own count of that refusal reaches the collector with the in-cluster token.
    const series =
      /bizmetrics_gateway_requests_total\{[^}]*instance="browser-gateway-5c4b-fghij"[^}]*job="browser-gateway"[^}]*outcome="rejected"[^}]*reason="forbidden_origin"[^}]*\} 1\b/;
    const exported = async () => (await fetch(`http://${collector.prometheusTarget}/metrics`)).text();
    await eventually(async () => series.test(await exported()), 20_000);
    expect(await exported()).toMatch(series);
  });
});
