import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { eventually, queryInstant } from '@bizmetrics/local-stack';
import { findStackBin, isAlive } from '@bizmetrics/local-stack/support';
import { describe, expect, it } from 'vitest';
import { demoStackInstalled } from '../src/demo/stack.ts';

const DEMO = resolve(import.meta.dirname, '../src/demo/main.ts');

interface Started {
  readonly path: string;
  readonly pids: Record<string, number>;
  readonly urls: Record<string, string>;
}

interface DemoRun {
  /** Resolves with the `demo-started` line: the metrics path, pids and URLs of everything the demo started. */
  readonly started: Promise<Started>;
  /** Resolves with the exit code and all output once the demo has exited. */
  readonly exited: Promise<{ code: number | null; output: string }>;
  /** Ctrl-C: asks the demo to stop everything and print its summary. */
  interrupt(): void;
}

/** Runs `pnpm demo ARGS` as the root script does, on this Node, with `env` added. */
function runDemo(args: readonly string[], env: Readonly<Record<string, string>> = {}): DemoRun {
  const child = spawn(
    process.execPath,
    ['--conditions=@bizmetrics/source', '--disable-warning=ExperimentalWarning', DEMO, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let output = '';
  child.stderr.on('data', (d) => {
    output += String(d);
  });
  const started = new Promise<Started>((ok, fail) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      output += `${line}\n`;
      if (line.startsWith('demo-started ')) ok(JSON.parse(line.slice('demo-started '.length)));
    });
    child.once('exit', () => fail(new Error(`the demo exited before starting:\n${output}`)));
  });
  const exited = new Promise<{ code: number | null; output: string }>((ok) =>
    child.once('exit', (code) => setImmediate(() => ok({ code, output }))),
  );
  return { started, exited, interrupt: () => child.kill('SIGINT') };
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
    expect(output).toContain('path: shop /metrics ← Prometheus scrape');
    expect(output).toMatch(/alerts fired: .*PaymentStepConversionDrop/);
    for (const [name, pid] of Object.entries(pids))
      expect(isAlive(pid), `${name} (pid ${pid}) still running`).toBe(false);
    await expect(fetch(alertmanager, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  });

  it('--via collector carries the KPIs shop → OTLP → collector → Prometheus, fires PaymentStepConversionDrop, and stops the collector too', {
    timeout: 280_000,
  }, async () => {
    expect(
      findStackBin('otelcol'),
      'our collector must be installed: corepack pnpm stack:install',
    ).toBeDefined();
    const demo = runDemo([
      '--via',
      'collector',
      '--for',
      '240',
      '--incident',
      'payment-outage',
      '--incident-after',
      '10',
      '--refresh',
      '5',
    ]);
    const { path, pids, urls } = await demo.started;
    // Ctrl-C once seen (or on a failed expectation): the demo stops everything it started.
    try {
      expect(path).toBe('collector');
      expect(Object.keys(pids).sort()).toEqual(['alertmanager', 'collector', 'prometheus', 'shop']);
      const prometheus = new URL(urls['prometheus']!).origin;
      // Prometheus scrapes nothing but the collector's exporter, and honor_labels keeps the shop's job.
      let jobs: string[] = [];
      await eventually(async () => {
        const series = await queryInstant(prometheus, 'count by (job) (business_funnel_steps_total)');
        jobs = series.map((s) => s.metric['job'] ?? '');
        return jobs.length > 0;
      }, 90_000);
      expect(jobs).toEqual(['shop']);
      const targets = await queryInstant(prometheus, 'up');
      expect(targets.map((s) => `${s.metric['job']} ${s.metric['instance']}`)).toEqual([
        `collector ${new URL(urls['metrics']!).host}`,
      ]);
      // The demo rules on those series send the incident's alert to Alertmanager, as on the scrape path.
      let seen: string[] = [];
      await eventually(async () => {
        seen = await alertsInAlertmanager(urls['alertmanager']!);
        return seen.includes('PaymentStepConversionDrop');
      }, 200_000);
      expect(seen).toContain('PaymentStepConversionDrop');
    } finally {
      demo.interrupt();
    }
    const { code, output } = await demo.exited;
    expect(code, output).toBe(0);
    expect(output).toContain('path: shop → OTLP → collector → Prometheus');
    expect(output).toMatch(/KPIs over the last minute from prometheus/);
    expect(output).toMatch(/checkout conversion +\d+\.\d%/);
    expect(output).toMatch(/alerts fired: .*PaymentStepConversionDrop/);
    expect(output).toContain(`collector (pid ${pids['collector']})`);
    for (const [name, pid] of Object.entries(pids))
      expect(isAlive(pid), `${name} (pid ${pid}) still running`).toBe(false);
    await expect(fetch(urls['collector']!, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  });

  it('--via collector without our collector build fails with one line saying to install it', {
    timeout: 60_000,
  }, async () => {
    const empty = await mkdtemp(join(tmpdir(), 'bizmetrics-empty-stack-'));
    try {
      // No .stack/bin, and a PATH with nothing but Node on it: no otelcol anywhere.
      const demo = runDemo(['--via', 'collector', '--for', '5'], {
        STACK_DIR: empty,
        PATH: dirname(process.execPath),
      });
      await expect(demo.started).rejects.toThrow(/exited before starting/);
      const { code, output } = await demo.exited;
      expect(code).toBe(1);
      expect(output.trim().split('\n')).toEqual([
        'demo failed: --via collector needs our collector build: run `corepack pnpm stack:install`',
      ]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('runs on the shop /metrics alone with --no-stack, says what it skipped, and stops the shop', {
    timeout: 90_000,
  }, async () => {
    const demo = runDemo(['--no-stack', '--for', '12', '--refresh', '3']);
    const { path, pids, urls } = await demo.started;
    expect(path).toBe('scrape');
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
    expect(output).toContain('path: shop /metrics ← read by the demo (no Prometheus)');
    expect(output).toMatch(/checkout conversion +\d+\.\d%/);
    expect(output).toContain('alerts fired: none');
    expect(isAlive(pids['shop']!)).toBe(false);
  });
});
