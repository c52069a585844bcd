import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, stackBin } from '@bizmetrics/local-stack';
import { stopPid } from '@bizmetrics/local-stack/support';

const run = promisify(execFile);

/** A real Prometheus serving backfilled data from its own temporary directory. */
export interface BackfilledPrometheus {
  readonly url: string;
  readonly pid: number;
  /** Stops the server by its pid and removes its data. */
  stop(): Promise<void>;
}

/**
 * Loads OpenMetrics text with `promtool tsdb create-blocks-from openmetrics` and starts Prometheus
 * on those blocks (127.0.0.1, free port). The local stack's `startPrometheus` always starts on a
 * new empty TSDB, so this starts the stack's binary itself with `--storage.tsdb.path`.
 */
export async function startBackfilledPrometheus(
  openMetrics: string,
  options: {
    readonly retention?: string;
    /**
     * Longest block promtool writes (hidden flag `--max-block-duration`): weeks of data in 2-hour
     * blocks take promtool ~45 s here, in week-long blocks under a second.
     */
    readonly maxBlockDuration?: string;
  } = {},
): Promise<BackfilledPrometheus> {
  const dir = await mkdtemp(join(tmpdir(), 'bizmetrics-insights-'));
  const input = join(dir, 'input.om');
  const data = join(dir, 'data');
  await writeFile(input, openMetrics);
  const blocks = options.maxBlockDuration ? [`--max-block-duration=${options.maxBlockDuration}`] : [];
  await run(stackBin('promtool'), ['tsdb', 'create-blocks-from', 'openmetrics', ...blocks, input, data], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const config = join(dir, 'prometheus.yml');
  await writeFile(config, 'global:\n  scrape_interval: 1m\n');
  const port = await freePort();
  const child = spawn(
    stackBin('prometheus'),
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${data}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--storage.tsdb.retention.time=${options.retention ?? '30d'}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.pid !== undefined) await stopPid(child.pid);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitReady(url, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid as number, stop };
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`prometheus at ${url} not ready within 30 s:\n${log()}`);
}
