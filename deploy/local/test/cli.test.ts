import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { eventually, freePort, isAlive, queryInstant, REPO_ROOT } from '../src/index.ts';
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
    for (const name of ['prometheus', 'alertmanager', 'victoria-metrics']) ports[name] = await freePort();
    env = {
      ...process.env,
      STACK_RUN_DIR: runDir,
      STACK_RULES_DIR: runDir,
      STACK_PROMETHEUS_PORT: String(ports['prometheus']),
      STACK_ALERTMANAGER_PORT: String(ports['alertmanager']),
      STACK_VM_PORT: String(ports['victoria-metrics']),
      STACK_SCRAPE_TARGET: target.target,
    };
  });

  afterAll(async () => {
    await cli('down').catch(() => undefined);
    await target?.close();
    await rm(runDir, { recursive: true, force: true });
  });

  it('up starts the three servers on the requested ports and records their pids', async () => {
    const { stdout } = await cli('up');
    expect(stdout).toMatch(/Stack up \(1 rule files\)/);
    entries = JSON.parse(await readFile(join(runDir, 'state.json'), 'utf8')) as Entry[];
    expect(entries.map((e) => [e.name, e.url])).toEqual([
      ['victoria-metrics', `http://127.0.0.1:${ports['victoria-metrics']}`],
      ['alertmanager', `http://127.0.0.1:${ports['alertmanager']}`],
      ['prometheus', `http://127.0.0.1:${ports['prometheus']}`],
    ]);
    for (const e of entries) expect(isAlive(e.pid)).toBe(true);
  });

  it('status reports each server ready with its URL', async () => {
    const { stdout } = await cli('status');
    for (const e of entries)
      expect(stdout).toMatch(new RegExp(`${e.name}\\s+ready\\s+${e.url}\\s+pid ${e.pid}`));
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

  it('refuses a port variable that is not a port, naming it', async () => {
    env = { ...env, STACK_VM_PORT: 'eighty' };
    await expect(cli('up')).rejects.toMatchObject({
      stderr: expect.stringMatching(/STACK_VM_PORT=eighty is not a port/),
    });
    expect(existsSync(join(runDir, 'state.json'))).toBe(false);
  });
});
