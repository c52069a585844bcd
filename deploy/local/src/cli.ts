// `pnpm stack:up | stack:down | stack:status`: the local stack as long-running processes for
// development and the demo. Servers run detached on loopback; their pids, ports and folders are
// kept in .stack/run/state.json so that `down` stops exactly those processes.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startAlertmanager } from './alertmanager.ts';
import { REPO_ROOT, stackAvailable } from './binaries.ts';
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
    const vm = await startVictoriaMetrics({ port: port('STACK_VM_PORT', 8428), detached: true });
    started.push(vm);
    const am = await startAlertmanager({ port: port('STACK_ALERTMANAGER_PORT', 9093), detached: true });
    started.push(am);
    const prom = await startPrometheus({
      port: port('STACK_PROMETHEUS_PORT', 9090),
      scrapeTargets: (process.env['STACK_SCRAPE_TARGET'] || '127.0.0.1:9464').split(','),
      ruleFiles,
      alertmanagerUrl: am.url,
      remoteWriteUrl: vm.remoteWriteUrl,
      detached: true,
    });
    started.push(prom);
    await checkPrometheusConfig(prom.configPath);
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
  // VictoriaMetrics that is already gone.
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
      (await fetch(`${e.url}${e.name === 'victoria-metrics' ? '/health' : '/-/ready'}`).then(
        (r) => r.ok,
        () => false,
      ));
    console.log(`${e.name.padEnd(17)} ${ready ? 'ready' : 'DOWN '}  ${e.url}  pid ${e.pid}`);
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
