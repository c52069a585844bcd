import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startReceiver } from './support.ts';

const SDK = join(import.meta.dirname, '../src/index.ts');

/** Runs a script in a child Node with the SDK, sends it SIGTERM once it says "ready". */
async function runAndTerminate(body: string, env: Record<string, string>) {
  const file = join(tmpdir(), `bizmetrics-signal-${process.pid}-${Math.random().toString(36).slice(2)}.ts`);
  await writeFile(file, `import { startBizMetrics } from ${JSON.stringify(SDK)};\n${body}`);
  const child = spawn(
    process.execPath,
    ['--conditions=@bizmetrics/source', '--disable-warning=ExperimentalWarning', file],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.includes('ready')) child.kill('SIGTERM');
  });
  child.stderr.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) =>
    child.on('exit', (c, s) => r([c, s])),
  );
  return { code, signal, out };
}

describe('termination signals', () => {
  it('flushes the last OTLP export on SIGTERM, then ends the process by that signal', async () => {
    const receiver = await startReceiver();
    try {
      const result = await runAndTerminate(
        `const biz = startBizMetrics();
         biz.featureUsed({ feature: 'last-words', user_tier: 'free', new_user: false });
         setInterval(() => {}, 1000);
         console.log('ready');`,
        {
          OTEL_METRICS_EXPORTER: 'otlp',
          OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: receiver.url,
          OTEL_METRIC_EXPORT_INTERVAL: '600000',
        },
      );
      expect(result.signal).toBe('SIGTERM');
      expect(receiver.bodies.length).toBeGreaterThanOrEqual(1);
      expect(Buffer.concat(receiver.bodies).includes('last-words')).toBe(true);
    } finally {
      receiver.server.close();
    }
  });

  it('leaves the exit to an application that handles SIGTERM itself, after flushing', async () => {
    const receiver = await startReceiver();
    try {
      const result = await runAndTerminate(
        `const biz = startBizMetrics();
         biz.featureUsed({ feature: 'app-owned-exit', user_tier: 'free', new_user: false });
         const timer = setInterval(() => {}, 1000);
         process.on('SIGTERM', async () => { await biz.shutdown(); clearInterval(timer); console.log('app handled'); process.exitCode = 3; });
         console.log('ready');`,
        {
          OTEL_METRICS_EXPORTER: 'otlp',
          OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: receiver.url,
          OTEL_METRIC_EXPORT_INTERVAL: '600000',
        },
      );
      expect(result.out).toContain('app handled');
      expect(result.code).toBe(3);
      expect(Buffer.concat(receiver.bodies).includes('app-owned-exit')).toBe(true);
    } finally {
      receiver.server.close();
    }
  });
});
