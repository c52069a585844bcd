import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { isAlive } from '@bizmetrics/local-stack';
import { describe, expect, it } from 'vitest';
import { demoStackInstalled } from '../src/demo/stack.ts';

const DEMO = resolve(import.meta.dirname, '../src/demo/main.ts');

interface DemoRun {
  /** Resolves with the `demo-started` line: pids and URLs of everything the demo started. */
  readonly started: Promise<{ pids: Record<string, number>; urls: Record<string, string> }>;
  /** Resolves with the exit code and all output once the demo has exited. */
  readonly exited: Promise<{ code: number | null; output: string }>;
}

/** Runs `pnpm demo ARGS` as the root script does, on this Node. */
function runDemo(args: readonly string[]): DemoRun {
  const child = spawn(
    process.execPath,
    ['--conditions=@bizmetrics/source', '--disable-warning=ExperimentalWarning', DEMO, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr.on('data', (d) => {
    output += String(d);
  });
  const started = new Promise<{ pids: Record<string, number>; urls: Record<string, string> }>((ok, fail) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      output += `${line}\n`;
      if (line.startsWith('demo-started ')) ok(JSON.parse(line.slice('demo-started '.length)));
    });
    child.once('exit', () => fail(new Error(`the demo exited before starting:\n${output}`)));
  });
  const exited = new Promise<{ code: number | null; output: string }>((ok) =>
    child.once('exit', (code) => setImmediate(() => ok({ code, output }))),
  );
  return { started, exited };
}

async function alertsInAlertmanager(url: string): Promise<string[]> {
  const res = await fetch(`${url}/api/v2/alerts?active=true`, { signal: AbortSignal.timeout(5000) });
  const alerts = (await res.json()) as { labels: Record<string, string> }[];
  return alerts.map((a) => a.labels['alertname'] ?? '');
}

describe('pnpm demo', () => {
  it('has the local stack it needs (pnpm test installs it first)', () => {
    expect(
      demoStackInstalled(),
      'Prometheus and Alertmanager must be installed: corepack pnpm stack:install',
    ).toBe(true);
  });

  it('--incident payment-outage fires PaymentStepConversionDrop in Alertmanager, and --for stops everything it started', {
    timeout: 280_000,
  }, async () => {
    const demo = runDemo([
      '--for',
      '150',
      '--incident',
      'payment-outage',
      '--incident-after',
      '15',
      '--refresh',
      '5',
    ]);
    const { pids, urls } = await demo.started;
    expect(Object.keys(pids).sort()).toEqual(['alertmanager', 'prometheus', 'shop']);
    const alertmanager = urls['alertmanager']!;
    // Asked of Alertmanager itself while the demo runs: Prometheus evaluated the demo rules and sent it.
    let seen: string[] = [];
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline && !seen.includes('PaymentStepConversionDrop')) {
      await new Promise((r) => setTimeout(r, 3000));
      seen = await alertsInAlertmanager(alertmanager).catch(() => seen);
    }
    expect(seen).toContain('PaymentStepConversionDrop');

    const { code, output } = await demo.exited;
    expect(code, output).toBe(0);
    expect(output).toMatch(/alerts fired: .*PaymentStepConversionDrop/);
    for (const [name, pid] of Object.entries(pids))
      expect(isAlive(pid), `${name} (pid ${pid}) still running`).toBe(false);
    await expect(fetch(alertmanager, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  });

  it('runs on the shop /metrics alone with --no-stack, says what it skipped, and stops the shop', {
    timeout: 90_000,
  }, async () => {
    const demo = runDemo(['--no-stack', '--for', '12', '--refresh', '3']);
    const { pids, urls } = await demo.started;
    expect(Object.keys(pids)).toEqual(['shop']);
    let metrics = '';
    for (let i = 0; i < 20 && !metrics.includes('business_sessions_started_total'); i++) {
      await new Promise((r) => setTimeout(r, 500));
      metrics = await (await fetch(urls['metrics']!)).text();
    }
    expect(metrics).toContain('business_sessions_started_total');
    const { code, output } = await demo.exited;
    expect(code, output).toBe(0);
    expect(output).toContain('Prometheus and Alertmanager skipped');
    expect(output).toMatch(/checkout conversion +\d+\.\d%/);
    expect(output).toContain('alerts fired: none');
    expect(isAlive(pids['shop']!)).toBe(false);
  });
});
