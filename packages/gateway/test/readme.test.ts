import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '@bizmetrics/local-stack';
import { describe, expect, it } from 'vitest';
import { FEATURE, ORIGIN, sumBody } from './harness.ts';

const README = join(import.meta.dirname, '../README.md');

describe('the README example', () => {
  it('runs as written: a browser batch posted to it shows up on the SDK /metrics', async () => {
    const text = await readFile(README, 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(text)![1]!;
    expect(block.split('\n').filter(Boolean).length).toBeLessThanOrEqual(10);
    const [gatewayPort, metricsPort] = [await freePort(), await freePort()];
    // Inside the package, so `@bizmetrics/gateway` (self-reference) and `@bizmetrics/sdk` resolve.
    const file = join(import.meta.dirname, `../.readme-example-${process.pid}.ts`);
    await writeFile(file, block.replace('8080', String(gatewayPort)).replace('8080', String(gatewayPort)));
    const child = spawn(
      process.execPath,
      ['--conditions=@bizmetrics/source', '--disable-warning=ExperimentalWarning', file],
      {
        cwd: join(import.meta.dirname, '..'),
        env: {
          ...process.env,
          OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
          OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const onData = (c: Buffer) => {
          out += c.toString();
          if (out.includes('browsers send to')) resolve();
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        void exited.then(() => reject(new Error(out)));
      });
      expect(out.trim()).toBe(`browsers send to http://127.0.0.1:${gatewayPort}/v1/metrics`);
      const res = await fetch(`http://127.0.0.1:${gatewayPort}/v1/metrics`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: sumBody('business.feature.usage', [{ attrs: FEATURE, value: 3 }]),
      });
      expect(res.status).toBe(200);
      // The SDK's Prometheus endpoint starts listening on its own; give it a moment under load.
      let metrics = '';
      for (let i = 0; i < 50 && !metrics.includes('business_feature_usage_total'); i++) {
        metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`)
          .then((r) => r.text())
          .catch(() => '');
        if (!metrics.includes('business_feature_usage_total')) await new Promise((r) => setTimeout(r, 200));
      }
      expect(metrics).toMatch(
        /business_feature_usage_total\{feature="search",user_tier="free",new_user="false"[^}]*\} 3/,
      );
    } finally {
      child.kill('SIGTERM');
      await exited;
      await rm(file, { force: true });
    }
  });
});
