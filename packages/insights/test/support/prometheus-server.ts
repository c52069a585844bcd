import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '../../../..');

/**
 * A tool of the local stack: `.stack/bin/<name>` (installed by deploy/local/install.sh, run by
 * `pnpm test`), else the PATH. Undefined when neither has it.
 */
export function stackTool(name: string): string | undefined {
  const candidates = [
    join(REPO, '.stack', 'bin', name),
    ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, name)),
  ];
  return candidates.find((c) => existsSync(c));
}

/** A real Prometheus serving backfilled data from its own temporary directory. */
export interface BackfilledPrometheus {
  readonly url: string;
  readonly pid: number;
  /** Stops the server by its pid and removes its data. */
  stop(): Promise<void>;
}

/** Loads OpenMetrics text with `promtool tsdb create-blocks-from openmetrics` and starts Prometheus on it (127.0.0.1, free port). */
export async function startBackfilledPrometheus(openMetrics: string): Promise<BackfilledPrometheus> {
  const promtool = stackTool('promtool');
  const prometheus = stackTool('prometheus');
  if (!promtool || !prometheus)
    throw new Error(
      'promtool/prometheus not found: run `bash deploy/local/install.sh` (or put them on PATH)',
    );
  const dir = await mkdtemp(join(tmpdir(), 'bizmetrics-insights-'));
  const input = join(dir, 'input.om');
  const data = join(dir, 'data');
  await writeFile(input, openMetrics);
  await run(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', input, data], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const config = join(dir, 'prometheus.yml');
  await writeFile(config, 'global:\n  scrape_interval: 1m\n');
  const port = await freePort();
  const child = spawn(
    prometheus,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${data}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=30d',
    ],
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
    await waitReady(url, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid as number, stop };
}

/** Polls `url + path` until it answers 2xx, failing early if the process exits. */
export async function waitReady(
  url: string,
  child: ChildProcess,
  log: () => string,
  path = '/-/ready',
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(`${url}${path}`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not ready within 30 s:\n${log()}`);
}

/** Stops a child by its pid: SIGTERM, then SIGKILL after 10 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(
    () => child.exitCode === null && child.pid && process.kill(child.pid, 'SIGKILL'),
    10_000,
  );
  await exited;
  clearTimeout(timer);
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}
