import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Point } from '../../src/index.ts';
import { freePort, stackTool, stopChild, waitReady } from './prometheus-server.ts';

/** A real single-node VictoriaMetrics on 127.0.0.1 with imported samples. */
export interface LoadedVictoriaMetrics {
  readonly url: string;
  stop(): Promise<void>;
}

/** Series to import: `name{labels}` → points. */
export type Samples = ReadonlyMap<string, readonly Point[]>;

/** Starts VictoriaMetrics on a free port, imports the samples through its Prometheus text import, and flushes them. */
export async function startLoadedVictoriaMetrics(samples: Samples): Promise<LoadedVictoriaMetrics> {
  const binary = stackTool('victoria-metrics');
  if (!binary)
    throw new Error('victoria-metrics not found: run `bash deploy/local/install.sh` (or put it on PATH)');
  const dir = await mkdtemp(join(tmpdir(), 'bizmetrics-insights-vm-'));
  const port = await freePort();
  const child = spawn(
    binary,
    [`-storageDataPath=${dir}`, `-httpListenAddr=127.0.0.1:${port}`, '-retentionPeriod=100y'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, () => log, '/health');
    // Prometheus text format with millisecond timestamps.
    const lines: string[] = [];
    for (const [series, points] of samples)
      for (const [t, v] of points) lines.push(`${series} ${v} ${Math.round(t * 1000)}`);
    const imported = await fetch(`${url}/api/v1/import/prometheus`, {
      method: 'POST',
      body: `${lines.join('\n')}\n`,
    });
    if (!imported.ok) throw new Error(`import failed: HTTP ${imported.status} ${await imported.text()}`);
    await fetch(`${url}/internal/force_flush`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
