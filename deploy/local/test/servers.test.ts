import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  type RunningServer,
  startAlertmanager,
  startPrometheus,
  startVictoriaMetrics,
  startVmalert,
} from '../src/index.ts';
import { isAlive, stackAvailable } from '../src/support.ts';

/** Asserts the server answers, stops it, and asserts its process and folder are gone. */
async function expectStartsAndStops(server: RunningServer, readyPath: string): Promise<void> {
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect((await fetch(`${server.url}${readyPath}`)).status).toBe(200);
  expect(isAlive(server.pid)).toBe(true);
  await server.stop();
  expect(isAlive(server.pid)).toBe(false);
  expect(existsSync(server.dir)).toBe(false);
  await expect(fetch(`${server.url}${readyPath}`)).rejects.toThrow();
}

describe('each server starts on loopback, is ready, and stop() leaves no process', {
  timeout: 60_000,
}, () => {
  it('finds the installed binaries (run `pnpm stack:install` first)', () => {
    expect(stackAvailable()).toBe(true);
  });

  it('Prometheus', async () => {
    await expectStartsAndStops(await startPrometheus(), '/-/ready');
  });

  it('Alertmanager', async () => {
    await expectStartsAndStops(await startAlertmanager(), '/-/ready');
  });

  it('VictoriaMetrics', async () => {
    await expectStartsAndStops(await startVictoriaMetrics(), '/health');
  });

  it('vmalert, on a VictoriaMetrics datasource', async () => {
    const vm = await startVictoriaMetrics();
    try {
      await expectStartsAndStops(await startVmalert({ datasourceUrl: vm.url, ruleFiles: [] }), '/health');
    } finally {
      await vm.stop();
    }
  });

  it('refuses a taken port instead of mistaking the other server for its own', async () => {
    const first = await startVictoriaMetrics();
    try {
      await expect(startVictoriaMetrics({ port: first.port })).rejects.toThrow(
        `victoria-metrics cannot start: port ${first.port} on 127.0.0.1 is in use`,
      );
      await expect(startPrometheus({ port: first.port })).rejects.toThrow(/prometheus cannot start: port/);
    } finally {
      await first.stop();
    }
  });

  it('kills servers not started detached when the Node process that started them exits', async () => {
    const script = [
      "import { startVictoriaMetrics } from './src/index.ts';",
      'const vm = await startVictoriaMetrics();',
      'console.log(JSON.stringify({ pid: vm.pid, dir: vm.dir }));',
      'process.exit(0);',
    ].join('\n');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module-typescript', '--eval', script],
      { cwd: join(import.meta.dirname, '..') },
    );
    const { pid, dir } = JSON.parse(stdout) as { pid: number; dir: string };
    expect(pid).toBeGreaterThan(0);
    expect(existsSync(dir)).toBe(false);
    // Killed at exit; reaped by init shortly after.
    for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(isAlive(pid)).toBe(false);
  });

  it('reports the output of a server that exits at start-up', async () => {
    await expect(startPrometheus({ extraArgs: ['--no-such-flag'] })).rejects.toThrow(
      /prometheus did not become ready: exited with code 1[\s\S]*unknown long flag '--no-such-flag'/,
    );
  });
});
