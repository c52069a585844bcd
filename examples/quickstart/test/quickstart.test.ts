import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '@bizmetrics/local-stack';
import { describe, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, '../src/main.ts');

describe('corepack pnpm quickstart', () => {
  it('serves the checkout flow on /metrics and stops on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--conditions=@bizmetrics/source', MAIN], {
      env: {
        ...process.env,
        OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
        OTEL_EXPORTER_PROMETHEUS_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<[number | null, string | null]>((r) => child.on('exit', (c, s) => r([c, s])));
    let out = '';
    try {
      await new Promise<void>((resolve) => {
        const onData = (c: Buffer) => {
          out += c.toString();
          if (out.includes('scrape')) resolve();
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
      });
      expect(out).toContain(`http://127.0.0.1:${port}/metrics`);
      expect(out).not.toContain('ExperimentalWarning');
      await new Promise((r) => setTimeout(r, 2200)); // two ticks of the loop
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      for (const name of ['business_funnel_steps_total', 'business_feature_usage_total'])
        expect(text).toContain(`${name}{`);
    } finally {
      child.kill('SIGTERM');
    }
    const [code, signal] = await exited;
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
  });
});
