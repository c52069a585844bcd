import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** The shop running as its own process, configured by environment variables only. */
export interface ShopProcess {
  readonly url: string;
  /** True when the shop serves the built web page (examples/web) at `/`. */
  readonly web: boolean;
  readonly pid: number;
  /** Stops the shop by its pid (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
}

const MAIN = resolve(import.meta.dirname, '../main.ts');

/** Starts `src/main.ts` on this Node with `env` added, and waits for its ready line. */
export async function startShopProcess(env: Readonly<Record<string, string>>): Promise<ShopProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=@bizmetrics/source', '--disable-warning=ExperimentalWarning', MAIN],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr = (stderr + String(d)).slice(-4000);
  });
  const ready = await new Promise<{ shop: string; web?: boolean }>((ok, fail) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => fail(new Error(`the shop did not start within 30 s\n${stderr}`)), 30_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        ok(JSON.parse(line));
      } catch {
        fail(new Error(`unexpected first line from the shop: ${line}\n${stderr}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      // The shop's own message names the bad variable; its stack frames add nothing for a user.
      const message = stderr
        .split('\n')
        .filter((l) => !/^\s+at /.test(l))
        .join('\n');
      fail(new Error(`the shop exited with code ${code}\n${message}`));
    });
  });
  child.stdout!.resume();
  return {
    url: ready.shop,
    web: ready.web === true,
    pid: child.pid!,
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
