import { type RunningVictoriaMetrics, startVictoriaMetrics } from '@bizmetrics/local-stack';
import type { Point } from '../../src/analysis.ts';

/** Series to import: `name{labels}` → points. */
export type Samples = ReadonlyMap<string, readonly Point[]>;

/** Starts the local stack's VictoriaMetrics, imports the samples through its Prometheus text import, and flushes them. */
export async function startLoadedVictoriaMetrics(samples: Samples): Promise<RunningVictoriaMetrics> {
  const vm = await startVictoriaMetrics();
  try {
    // Prometheus text format with millisecond timestamps.
    const lines: string[] = [];
    for (const [series, points] of samples)
      for (const [t, v] of points) lines.push(`${series} ${v} ${Math.round(t * 1000)}`);
    const imported = await fetch(`${vm.url}/api/v1/import/prometheus`, {
      method: 'POST',
      body: `${lines.join('\n')}\n`,
    });
    if (!imported.ok) throw new Error(`import failed: HTTP ${imported.status} ${await imported.text()}`);
    await fetch(`${vm.url}/internal/force_flush`);
  } catch (error) {
    await vm.stop();
    throw error;
  }
  return vm;
}
