const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
type TerminationSignal = (typeof SIGNALS)[number];

/** Flushes registered by running SDK handles; one process listener per signal serves them all. */
const flushes = new Map<() => Promise<void>, number>();
const listeners = new Map<TerminationSignal, () => void>();

/**
 * Flushes on SIGTERM/SIGINT within `timeoutMs`, without taking the application's signal handling:
 * when the application listens to the signal too, we only flush and leave the exit to it; when
 * nobody else listens, we flush, then re-raise the signal so the process ends as it would have
 * (exit status 143 for SIGTERM, 130 for SIGINT). Returns a function that unregisters `flush`.
 */
export function onTerminationSignals(flush: () => Promise<void>, timeoutMs: number): () => void {
  const entry = () => flush();
  flushes.set(entry, timeoutMs);
  if (listeners.size === 0) for (const signal of SIGNALS) listen(signal);
  return () => {
    flushes.delete(entry);
    if (flushes.size === 0) removeListeners();
  };
}

function listen(signal: TerminationSignal): void {
  const listener = () => {
    // Our listener is one of the process's listeners; any other one belongs to the application.
    const appHandlesIt = process.listenerCount(signal) > 1;
    // The timers stay referenced: the process lives until the flush ends or the time is up.
    const done = Promise.all([...flushes].map(([flush, ms]) => withTimeout(flush(), ms, false)));
    if (appHandlesIt) return;
    void done.finally(() => {
      removeListeners();
      process.kill(process.pid, signal);
    });
  };
  listeners.set(signal, listener);
  process.on(signal, listener);
}

function removeListeners(): void {
  for (const [signal, listener] of listeners) process.removeListener(signal, listener);
  listeners.clear();
}

/** Resolves when `promise` settles or after `ms`, whichever comes first; never rejects. */
export function withTimeout(promise: Promise<unknown>, ms: number, unref = true): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    if (unref) timer.unref();
  });
  return Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    timeout,
  ]).finally(() => clearTimeout(timer));
}
