import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { eventually, freePort, queryInstant, REPO_ROOT } from '../src/index.ts';
import { isAlive } from '../src/support.ts';
import { type MetricsTarget, serveMetrics } from './support/metrics-target.ts';

const run = promisify(execFile);

interface Entry {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  readonly dir: string;
}

describe('stack:up, stack:status, stack:down', { timeout: 90_000 }, () => {
  let runDir: string;
  let target: MetricsTarget;
  let env: NodeJS.ProcessEnv;
  let entries: Entry[] = [];
  const ports: Record<string, number> = {};

  /** Runs the CLI as the root scripts do, on this Node (24). */
  const cli = (command: string) =>
    run(
      process.execPath,
      [
        '--conditions=@bizmetrics/source',
        '--disable-warning=ExperimentalWarning',
        'deploy/local/src/cli.ts',
        command,
      ],
      { cwd: REPO_ROOT, env },
    );

  beforeAll(async () => {
    runDir = await mkdtemp(join(tmpdir(), 'bizmetrics-stack-run-'));
    await writeFile(
      join(runDir, 'rules.yml'),
      stringify({ groups: [{ name: 'cli-test', rules: [{ record: 'cli_test:up', expr: 'up' }] }] }),
    );
    await writeFile(join(runDir, 'rules.test.yml'), 'not a rule file: promtool tests are skipped\n');
    target = await serveMetrics('cli_test_value 7\n');
    for (const name of ['prometheus', 'alertmanager', 'victoria-metrics', 'otlp-grpc', 'otlp-http'])
      ports[name] = await freePort();
    env = {
      ...process.env,
      STACK_RUN_DIR: runDir,
      STACK_RULES_DIR: runDir,
      STACK_PROMETHEUS_PORT: String(ports['prometheus']),
      STACK_ALERTMANAGER_PORT: String(ports['alertmanager']),
      STACK_VM_PORT: String(ports['victoria-metrics']),
      STACK_OTLP_GRPC_PORT: String(ports['otlp-grpc']),
      STACK_OTLP_HTTP_PORT: String(ports['otlp-http']),
      STACK_SCRAPE_TARGET: target.target,
    };
  });

  afterAll(async () => {
    await cli('down').catch(() => undefined);
    await target?.close();
    await rm(runDir, { recursive: true, force: true });
  });

  it('up starts the four servers, the collector with the shipped configs, and records their pids', async () => {
    const { stdout } = await cli('up');
    expect(stdout).toMatch(/Stack up \(1 rule files\)/);
    expect(stdout).toContain(
      'collector: collector/base.yaml + collector/catalog.yaml + collector/exporters/prometheus.yaml',
    );
    entries = JSON.parse(await readFile(join(runDir, 'state.json'), 'utf8')) as Entry[];
    expect(entries.map((e) => e.name)).toEqual(['victoria-metrics', 'alertmanager', 'otelcol', 'prometheus']);
    expect(entries.map((e) => e.url)).toEqual(
      expect.arrayContaining([
        `http://127.0.0.1:${ports['victoria-metrics']}`,
        `http://127.0.0.1:${ports['alertmanager']}`,
        `http://127.0.0.1:${ports['prometheus']}`,
      ]),
    );
    for (const e of entries) expect(isAlive(e.pid)).toBe(true);
  });

  it('status reports each server ready with its URL, and our collector build with its components', async () => {
    const { stdout } = await cli('status');
    for (const e of entries)
      expect(stdout).toMatch(new RegExp(`${e.name}\\s+ready\\s+${e.url}\\s+pid ${e.pid}`));
    expect(stdout).toContain('otelcol-bizmetrics version 0.161.0');
    expect(stdout).toMatch(/receivers\s+otlp\n/);
    expect(stdout).toMatch(/processors\s+.*memory_limiter.*transform/);
    expect(stdout).toMatch(
      /exporters\s+.*load_balancing.*otlp_grpc.*otlp_http.*prometheus, prometheus_remote_write/,
    );
    expect(stdout).toMatch(/extensions\s+.*bearertokenauth.*health_check/);
  });

  it('up twice starts nothing new', async () => {
    const { stdout } = await cli('up');
    expect(stdout).toMatch(/already up/);
    expect(JSON.parse(await readFile(join(runDir, 'state.json'), 'utf8'))).toEqual(entries);
  });

  it('wires them: scrape target, rule files, Alertmanager, remote-write into VictoriaMetrics', async () => {
    const prom = entries.find((e) => e.name === 'prometheus')?.url as string;
    const vm = entries.find((e) => e.name === 'victoria-metrics')?.url as string;
    const am = entries.find((e) => e.name === 'alertmanager')?.url as string;
    const has = async (url: string, q: string) => (await queryInstant(url, q)).length > 0;
    expect(await eventually(() => has(prom, 'cli_test_value == 7'), 30_000)).toBe(true);
    expect(await eventually(() => has(prom, 'cli_test:up == 1'), 30_000)).toBe(true);
    expect(await eventually(() => has(vm, 'cli_test_value == 7'), 30_000)).toBe(true);
    // Prometheus scrapes the collector's prometheus exporter; the collector takes OTLP on the port asked.
    expect(await eventually(() => has(prom, 'up{job="otel-collector"} == 1'), 30_000)).toBe(true);
    const otlp = await fetch(`http://127.0.0.1:${ports['otlp-http']}/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"resourceMetrics":[]}',
    });
    expect(otlp.status).toBe(200);
    const managers = (await (await fetch(`${prom}/api/v1/alertmanagers`)).json()) as {
      data: { activeAlertmanagers: { url: string }[] };
    };
    expect(managers.data.activeAlertmanagers.map((a) => a.url)).toEqual([`${am}/api/v2/alerts`]);
  });

  it('down stops exactly those pids, gracefully, and removes their folders and the state', async () => {
    const started = Date.now();
    const { stdout } = await cli('down');
    // Not the 10 s SIGKILL fallback: Prometheus stops before the VictoriaMetrics it writes to.
    expect(Date.now() - started).toBeLessThan(9_000);
    for (const e of entries) {
      expect(stdout).toContain(`stopped ${e.name} (pid ${e.pid})`);
      expect(isAlive(e.pid)).toBe(false);
      expect(existsSync(e.dir)).toBe(false);
    }
    expect(existsSync(join(runDir, 'state.json'))).toBe(false);
    expect((await cli('status')).stdout).toMatch(/The stack is down/);
  });

  it('fails on a collector config that does not validate, with the collector’s error and the file, leaving nothing running', async () => {
    const broken = join(runDir, 'broken-overlay.yaml');
    await writeFile(
      broken,
      stringify({
        exporters: { nosuch: {} },
        service: { pipelines: { metrics: { exporters: ['nosuch'] } } },
      }),
    );
    const files = ['collector/base.yaml', 'collector/catalog.yaml'].map((f) => join(REPO_ROOT, f));
    const failing = { ...env, STACK_COLLECTOR_CONFIGS: [...files, broken].join(',') };
    const error = await run(
      process.execPath,
      [
        '--conditions=@bizmetrics/source',
        '--disable-warning=ExperimentalWarning',
        'deploy/local/src/cli.ts',
        'up',
      ],
      { cwd: REPO_ROOT, env: failing },
    ).catch((e: { stderr: string }) => e);
    expect((error as { stderr: string }).stderr).toMatch(
      /otelcol validate rejected .*broken-overlay\.yaml[\s\S]*nosuch/,
    );
    expect(existsSync(join(runDir, 'state.json'))).toBe(false);
    // The servers started before the collector were stopped again: their ports are free.
    for (const name of ['victoria-metrics', 'alertmanager'])
      expect(
        await fetch(`http://127.0.0.1:${ports[name]}/`).then(
          () => 'listening',
          () => 'free',
        ),
        name,
      ).toBe('free');
  });

  it('refuses an unknown collector overlay, naming the variable and the accepted values', async () => {
    const before = env;
    env = { ...env, STACK_COLLECTOR_OVERLAY: 'kafka' };
    await expect(cli('up')).rejects.toMatchObject({
      stderr: expect.stringMatching(
        /STACK_COLLECTOR_OVERLAY=kafka is not an overlay: use one of prometheus, remote-write, otlp-http, debug/,
      ),
    });
    env = before;
    expect(existsSync(join(runDir, 'state.json'))).toBe(false);
  });

  it('refuses a port variable that is not a port, naming it', async () => {
    env = { ...env, STACK_VM_PORT: 'eighty' };
    await expect(cli('up')).rejects.toMatchObject({
      stderr: expect.stringMatching(/STACK_VM_PORT=eighty is not a port/),
    });
    expect(existsSync(join(runDir, 'state.json'))).toBe(false);
  });
});
