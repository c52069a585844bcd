import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from './support.ts';

const README = join(import.meta.dirname, '../README.md');
const SDK = join(import.meta.dirname, '../src/index.ts');

describe('the README quick start', () => {
  it('runs as written and serves the checkout flow on /metrics', async () => {
    const text = await readFile(README, 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(text)![1]!;
    expect(block.split('\n').filter(Boolean).length).toBeLessThanOrEqual(12);
    const file = join(tmpdir(), `bizmetrics-readme-${process.pid}.ts`);
    await writeFile(file, block.replace(`'@bizmetrics/sdk'`, JSON.stringify(SDK)));
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['--conditions=@bizmetrics/source', '--disable-warning=ExperimentalWarning', file],
      {
        env: {
          ...process.env,
          OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
          OTEL_EXPORTER_PROMETHEUS_PORT: String(port),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
    try {
      let out = '';
      await new Promise<void>((resolve) => {
        const onData = (c: Buffer) => {
          out += c.toString();
          if (out.includes('scrape')) resolve();
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
      });
      expect(out.trim()).toBe(`scrape http://127.0.0.1:${port}/metrics`);
      await new Promise((r) => setTimeout(r, 1300)); // one tick of the loop
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(
        /business_conversions_total\{type="purchase",source="google",device_type="mobile"/,
      );
      expect(metrics).toMatch(/business_revenue_minor_total\{currency="EUR"[^}]*\} \d+/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe('SIGTERM');
    await rm(file, { force: true });
  });
});
