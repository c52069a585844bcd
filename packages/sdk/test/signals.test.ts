import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBizMetrics } from '../src/index.ts';
import { type Receiver, startReceiver } from './support.ts';

const SDK = join(import.meta.dirname, '../src/index.ts');

/** Runs `body` in a child Node with the SDK imported; sends `signal` once, when it prints "ready". */
async function runAndSignal(body: string, env: Record<string, string>, signal: NodeJS.Signals = 'SIGTERM') {
  const file = join(tmpdir(), `bizmetrics-signal-${process.pid}-${Math.random().toString(36).slice(2)}.ts`);
  await writeFile(file, `import { startBizMetrics } from ${JSON.stringify(SDK)};\n${body}`);
  const child = spawn(
    process.execPath,
    ['--conditions=@bizmetrics/source', '--disable-warning=ExperimentalWarning', file],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let signalledAt = 0;
  const onOutput = (c: Buffer) => {
    out += c.toString();
    if (!signalledAt && out.includes('ready')) {
      signalledAt = Date.now();
      child.kill(signal);
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  const [code, exitSignal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) =>
    child.on('exit', (c, s) => r([c, s])),
  );
  await rm(file, { force: true });
  return { code, signal: exitSignal, out, msAfterSignal: Date.now() - signalledAt };
}

const RECORD = (marker: string) => `const biz = startBizMetrics();
biz.featureUsed({ feature: '${marker}', user_tier: 'free', new_user: false });
const timer = setInterval(() => {}, 1000);`;

let receiver: Receiver;
const otlpEnv = () => ({
  OTEL_METRICS_EXPORTER: 'otlp',
  OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: receiver.url,
  OTEL_METRIC_EXPORT_INTERVAL: '600000',
});
afterEach(() => receiver?.close());

describe('termination signals', () => {
  it('flushes the last OTLP export on SIGTERM, then ends the process by that signal (status 143)', async () => {
    receiver = await startReceiver();
    const result = await runAndSignal(`${RECORD('last-words')}\nconsole.log('ready');`, otlpEnv());
    expect(result.signal).toBe('SIGTERM');
    expect(Buffer.concat(receiver.bodies).includes('last-words')).toBe(true);
  });

  it('does the same for SIGINT (status 130)', async () => {
    receiver = await startReceiver();
    const result = await runAndSignal(`${RECORD('interrupted')}\nconsole.log('ready');`, otlpEnv(), 'SIGINT');
    expect(result.signal).toBe('SIGINT');
    expect(Buffer.concat(receiver.bodies).includes('interrupted')).toBe(true);
  });

  it('leaves the exit to an application that handles SIGTERM itself, and still flushes', async () => {
    receiver = await startReceiver();
    const result = await runAndSignal(
      `${RECORD('app-owned-exit')}
process.on('SIGTERM', () => { clearInterval(timer); console.log('app handled'); process.exitCode = 3; });
console.log('ready');`,
      otlpEnv(),
    );
    expect(result.out).toContain('app handled');
    expect(result.signal).toBeNull();
    expect(result.code).toBe(3);
    expect(Buffer.concat(receiver.bodies).includes('app-owned-exit')).toBe(true);
  });

  it('lets an application await shutdown() in its own handler', async () => {
    receiver = await startReceiver();
    const result = await runAndSignal(
      `${RECORD('awaited')}
process.on('SIGTERM', async () => { await biz.shutdown(); clearInterval(timer); console.log('flushed'); process.exitCode = 4; });
console.log('ready');`,
      otlpEnv(),
    );
    expect(result.out).toContain('flushed');
    expect(result.code).toBe(4);
    expect(Buffer.concat(receiver.bodies).includes('awaited')).toBe(true);
  });

  it('exits within OTEL_METRIC_EXPORT_TIMEOUT when the backend never answers', async () => {
    receiver = await startReceiver();
    receiver.hang = true;
    const result = await runAndSignal(`${RECORD('stuck')}\nconsole.log('ready');`, {
      ...otlpEnv(),
      OTEL_METRIC_EXPORT_TIMEOUT: '300',
    });
    expect(result.signal).toBe('SIGTERM');
    expect(receiver.requests.length).toBeGreaterThanOrEqual(1); // the export was attempted
    expect(result.msAfterSignal).toBeLessThan(2000);
  });

  it('adds one listener per signal for any number of handles, and shutdown() removes it', async () => {
    const before = process.listenerCount('SIGTERM');
    const a = startBizMetrics({ env: { OTEL_METRICS_EXPORTER: 'none' } });
    const b = startBizMetrics({ env: { OTEL_METRICS_EXPORTER: 'none' } });
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    expect(process.listenerCount('SIGINT')).toBeGreaterThanOrEqual(1);
    await a.shutdown();
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    await b.shutdown();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  it('adds no listener with handleSignals: false', async () => {
    const before = process.listenerCount('SIGTERM');
    const biz = startBizMetrics({ env: { OTEL_METRICS_EXPORTER: 'none' }, handleSignals: false });
    expect(process.listenerCount('SIGTERM')).toBe(before);
    await biz.shutdown();
  });
});
