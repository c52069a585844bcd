import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A Prometheus serving backfilled blocks on loopback. */
export interface HistoryServer {
  readonly url: string;
  /** Stops the process by its pid. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** Starts Prometheus on a TSDB folder of backfilled blocks, with no scrape targets, and waits until ready. */
export async function serveHistory(prometheus: string, dataDir: string): Promise<HistoryServer> {
  const port = await freePort();
  const config = join(dataDir, '..', 'prometheus.yml');
  await writeFile(config, 'global:\n  scrape_interval: 1m\n');
  const child = spawn(
    prometheus,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${dataDir}`,
      '--storage.tsdb.retention.time=400d',
      `--web.listen-address=127.0.0.1:${port}`,
      '--query.max-samples=200000000',
    ],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  // Ctrl-C or a kill of the benchmark must not leave Prometheus running.
  const onSignal = () => {
    child.kill('SIGTERM');
    process.exit(130);
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  const stop = async () => {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error('prometheus did not become ready in 60 s');
}
