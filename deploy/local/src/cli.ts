// `pnpm stack:up | stack:down | stack:status`: the local stack as long-running processes for
// development and the demo. Servers run detached on loopback; their pids, ports and folders are
// kept in .stack/run/state.json so that `down` stops exactly those processes.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startAlertmanager } from './alertmanager.ts';
import { REPO_ROOT, stackAvailable } from './binaries.ts';
import {
  type CollectorOverlay,
  collectorBuildInfo,
  collectorConfigFiles,
  startCollector,
} from './collector.ts';
import { isAlive, type RunningServer, stopPid } from './process.ts';
import { checkPrometheusConfig, startPrometheus } from './prometheus.ts';
import { startVictoriaMetrics } from './victoria-metrics.ts';

// STACK_RUN_DIR lets a test run its own stack next to a developer's.
const RUN_DIR = process.env['STACK_RUN_DIR'] || join(REPO_ROOT, '.stack', 'run');
const STATE = join(RUN_DIR, 'state.json');

interface Entry {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  readonly dir: string;
}

function port(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    throw new Error(`${variable}=${raw} is not a port: use an integer from 1 to 65535`);
  return value;
}

const OVERLAYS: readonly CollectorOverlay[] = ['prometheus', 'remote-write', 'otlp-http', 'debug'];

/** `STACK_COLLECTOR_OVERLAY`, checked: a wrong value names the variable and the accepted ones. */
function overlay(): CollectorOverlay {
  const raw = process.env['STACK_COLLECTOR_OVERLAY'] || 'prometheus';
  if (!(OVERLAYS as readonly string[]).includes(raw))
    throw new Error(`STACK_COLLECTOR_OVERLAY=${raw} is not an overlay: use one of ${OVERLAYS.join(', ')}`);
  return raw as CollectorOverlay;
}

async function readState(): Promise<Entry[]> {
  if (!existsSync(STATE)) return [];
  return JSON.parse(await readFile(STATE, 'utf8')) as Entry[];
}

async function up(): Promise<void> {
  if (!stackAvailable()) {
    console.error('The local stack is not installed: run `corepack pnpm stack:install` first.');
    process.exitCode = 1;
    return;
  }
  const running = (await readState()).filter((e) => isAlive(e.pid));
  if (running.length > 0) {
    console.log('The stack is already up:');
    return status();
  }
  const rulesDir = process.env['STACK_RULES_DIR'];
  const ruleFiles = rulesDir
    ? readdirSync(rulesDir)
        .filter((f) => /\.ya?ml$/.test(f) && !f.includes('test'))
        .map((f) => join(rulesDir, f))
    : [];
  const started: RunningServer[] = [];
  try {
    const backend = overlay();
    const promPort = port('STACK_PROMETHEUS_PORT', 9090);
    const promUrl = `http://127.0.0.1:${promPort}`;
    const vm = await startVictoriaMetrics({ port: port('STACK_VM_PORT', 8428), detached: true });
    started.push(vm);
    const am = await startAlertmanager({ port: port('STACK_ALERTMANAGER_PORT', 9093), detached: true });
    started.push(am);
    // Our collector on the usual OTLP ports, with the shipped configs and one exporter overlay that
    // feeds this stack: Prometheus scrapes it, or it remote-writes to VictoriaMetrics, or it sends
    // OTLP to Prometheus' OTLP receiver. STACK_COLLECTOR_CONFIGS replaces the files (comma list).
    const files = process.env['STACK_COLLECTOR_CONFIGS']?.split(',') ?? collectorConfigFiles(backend);
    const collector = await startCollector({
      configFiles: files,
      detached: true,
      env: {
        BIZMETRICS_OTLP_GRPC_ENDPOINT: `127.0.0.1:${port('STACK_OTLP_GRPC_PORT', 4317)}`,
        BIZMETRICS_OTLP_HTTP_ENDPOINT: `127.0.0.1:${port('STACK_OTLP_HTTP_PORT', 4318)}`,
        BIZMETRICS_REMOTE_WRITE_ENDPOINT: vm.remoteWriteUrl,
        BIZMETRICS_OTLP_EXPORT_ENDPOINT: `${promUrl}/api/v1/otlp`,
      },
    });
    started.push(collector);
    const prom = await startPrometheus({
      port: promPort,
      scrapeTargets: (process.env['STACK_SCRAPE_TARGET'] || '127.0.0.1:9464').split(','),
      scrapeJobs:
        backend === 'prometheus'
          ? [{ jobName: 'otel-collector', targets: [collector.prometheusTarget], honorLabels: true }]
          : [],
      otlpReceiver: true,
      remoteWriteReceiver: true,
      ruleFiles,
      alertmanagerUrl: am.url,
      remoteWriteUrl: vm.remoteWriteUrl,
      detached: true,
    });
    started.push(prom);
    await checkPrometheusConfig(prom.configPath);
    console.log(`collector: ${files.map((f) => f.replace(`${REPO_ROOT}/`, '')).join(' + ')}`);
  } catch (error) {
    for (const s of started.reverse()) await s.stop();
    throw error;
  }
  const entries = started.map(({ name, pid, url, dir }) => ({ name, pid, url, dir }));
  await mkdir(RUN_DIR, { recursive: true });
  await writeFile(STATE, JSON.stringify(entries, null, 2));
  console.log(`Stack up (${ruleFiles.length} rule files). Stop it with \`corepack pnpm stack:down\`.`);
  await status();
}

async function down(): Promise<void> {
  const entries = await readState();
  // Reverse start order: Prometheus first, so it does not wait to flush remote-write into a
  // VictoriaMetrics that is already gone; then the collector, for the same reason.
  for (const e of [...entries].reverse()) {
    await stopPid(e.pid);
    await rm(e.dir, { recursive: true, force: true });
    console.log(`stopped ${e.name} (pid ${e.pid})`);
  }
  await rm(STATE, { force: true });
  if (entries.length === 0) console.log('Nothing to stop.');
}

async function status(): Promise<void> {
  const entries = await readState();
  if (entries.length === 0) console.log('The stack is down.');
  for (const e of entries) {
    const ready =
      isAlive(e.pid) &&
      (await fetch(`${e.url}${READY_PATH[e.name] ?? '/-/ready'}`).then(
        (r) => r.ok,
        () => false,
      ));
    console.log(`${e.name.padEnd(17)} ${ready ? 'ready' : 'DOWN '}  ${e.url}  pid ${e.pid}`);
  }
  await printCollectorBuild();
}

const READY_PATH: Record<string, string> = { 'victoria-metrics': '/health', otelcol: '/' };

/** Our collector build: `otelcol --version` and its components, one line per kind. */
async function printCollectorBuild(): Promise<void> {
  const info = await collectorBuildInfo().catch(() => undefined);
  if (!info) return console.log('otelcol: not installed (run `corepack pnpm stack:install`)');
  console.log(info.version);
  const kinds = parse(info.components) as Record<string, { name: string }[] | unknown>;
  for (const kind of ['receivers', 'processors', 'exporters', 'extensions', 'connectors']) {
    const list = kinds[kind];
    if (Array.isArray(list)) console.log(`  ${kind.padEnd(11)} ${list.map((c) => c.name).join(', ')}`);
  }
}

const commands: Record<string, () => Promise<void>> = {
  up,
  down,
  status,
  install: async () => {
    execFileSync('bash', [join(REPO_ROOT, 'deploy/local/install.sh')], { stdio: 'inherit' });
  },
};
const command = commands[process.argv[2] ?? ''];
if (!command) {
  console.error('usage: cli.ts up|down|status|install');
  process.exitCode = 2;
} else {
  command().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}
