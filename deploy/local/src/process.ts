import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A server the stack started: its URL, pid, and a stop that kills exactly that pid. */
export interface RunningServer {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** The temporary directory holding its generated config and data. */
  readonly dir: string;
  /** The last lines the process printed, for error messages. */
  output(): string;
  /** Stops the process by its pid (SIGTERM, then SIGKILL after 10 s) and removes its directory. */
  stop(options?: { keepDir?: boolean }): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** True when nothing listens on this port of 127.0.0.1. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A new temporary directory for one server. */
export function tempDir(name: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `bizmetrics-${name}-`));
}

/** Options for {@link startServer}. */
export interface StartServerOptions {
  readonly name: string;
  readonly bin: string;
  /** The command line for a port. */
  readonly args: (port: number) => readonly string[];
  /** Default: a free port, and another one if that is taken before the server binds it. */
  readonly port?: number | undefined;
  readonly dir: string;
  /** Path polled until it answers 2xx. */
  readonly readyPath: string;
  readonly readyTimeoutMs?: number;
  /** Leave the process running when this Node process exits (the `stack:up` command). */
  readonly detached?: boolean;
  /** Variables added to this process's environment for the server. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Spawns a server, waits until it is ready, and returns its handle; removes `dir` on failure. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnPort(options, options.port ?? (await freePort()));
    } catch (error) {
      // Another process may take a free port between freePort() and the server's bind.
      const retry = options.port === undefined && attempt < 3 && /in use/.test((error as Error).message);
      if (!retry) {
        await rm(options.dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
}

async function startOnPort(options: StartServerOptions, port: number): Promise<RunningServer> {
  // A taken port must fail here: the readiness probe would otherwise be answered by whatever
  // already listens there (and VictoriaMetrics even binds a port another one holds).
  if (!(await portFree(port)))
    throw new Error(`${options.name} cannot start: port ${port} on 127.0.0.1 is in use; choose another port`);
  // Output goes to a file in the server's folder: a pipe would break a detached server once
  // this process exits.
  const logPath = join(options.dir, 'output.log');
  const logFd = openSync(logPath, 'a');
  const child = spawn(options.bin, options.args(port), {
    cwd: options.dir,
    env: options.env ? { ...process.env, ...options.env } : process.env,
    stdio: ['ignore', logFd, logFd],
    detached: options.detached ?? false,
  });
  closeSync(logFd);
  if (options.detached) child.unref();
  else killOnExit(child, options.dir);
  const log = () => {
    try {
      return readFileSync(logPath, 'utf8').slice(-8000);
    } catch {
      return '';
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    name: options.name,
    url,
    port,
    pid: child.pid as number,
    dir: options.dir,
    output: log,
    async stop(stopOptions) {
      await stopChild(child);
      if (!stopOptions?.keepDir) await rm(options.dir, { recursive: true, force: true });
    },
  };
  try {
    await waitReady(`${url}${options.readyPath}`, child, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    const output = log();
    await server.stop({ keepDir: true });
    throw new Error(`${options.name} did not become ready: ${(error as Error).message}\n${output}`);
  }
  return server;
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}

const attached = new Map<ChildProcess, string>();
let exitHookInstalled = false;

/**
 * Servers not started detached die with this process, even when a test run is interrupted or
 * forgets stop(): no server outlives the tests that started it.
 */
function killOnExit(child: ChildProcess, dir: string): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const [c, dir] of attached) {
        c.kill('SIGKILL');
        try {
          rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
        } catch {
          // the process may still be writing; a leftover temp folder is harmless
        }
      }
    });
  }
  attached.set(child, dir);
  child.once('exit', () => attached.delete(child));
}

/** Kills a child by its own pid and waits until it has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Kills a process by pid (for servers started by another process) and waits until it is gone. */
export async function stopPid(pid: number, timeoutMs = 10_000): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * True while a process with this pid runs. A zombie counts as gone: a detached server whose parent
 * has exited is reaped by PID 1, which on these machines takes about 2 s after the process ended.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; comm may contain spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (not Linux): signal 0 is all we can ask
  }
}

/** Removes a directory (used for data that outlives one server process). */
export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
