import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(import.meta.dirname, 'workload-process.ts');

/** The workload service in a child process, configured only by environment variables. */
export interface Service {
  readonly port: number;
  readonly child: ChildProcess;
  /** Runs the workload once more; resolves with the process's status. */
  run(): Promise<ServiceStatus>;
  status(): Promise<ServiceStatus>;
  /** One cheap request (no workload, no GC): what a host's ordinary request costs. */
  ping(): Promise<ServiceStatus>;
  flush(): Promise<void>;
  output(): string;
  /** Sends SIGTERM and waits for the exit. */
  terminate(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ServiceStatus {
  readonly runs: number;
  readonly heapUsed: number;
  readonly rss: number;
}

/** Starts the workload service with these OTEL_* variables and waits until it listens. */
export async function startService(env: Record<string, string>): Promise<Service> {
  const child = spawn(
    process.execPath,
    ['--conditions=@bizmetrics/source', '--disable-warning=ExperimentalWarning', '--expose-gc', SCRIPT],
    { env: { ...process.env, ...env, WORKLOAD_PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${out}`)), 20_000);
    child.stdout!.on('data', () => {
      const m = /workload listening on (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', () => reject(new Error(`service exited:\n${out}`)));
  });
  const get = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(60_000) });
    return res.text();
  };
  return {
    port,
    child,
    run: async () => JSON.parse(await get('/run')) as ServiceStatus,
    status: async () => JSON.parse(await get('/gc')) as ServiceStatus,
    ping: async () => JSON.parse(await get('/')) as ServiceStatus,
    flush: async () => {
      await get('/flush');
    },
    output: () => out,
    terminate: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode });
        child.once('exit', (code, signal) => resolve({ code, signal }));
        child.kill('SIGTERM');
      }),
  };
}
