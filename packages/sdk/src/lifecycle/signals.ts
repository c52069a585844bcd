const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Flushes on SIGTERM/SIGINT within `timeoutMs`, without taking the application's signal handling:
 * when the application listens to the signal too, we only flush and leave the exit to it; when
 * nobody else listens, we flush, then re-raise the signal so the process ends as it would have.
 * Returns a function that removes the listeners.
 */
export function onTerminationSignals(flush: () => Promise<void>, timeoutMs: number): () => void {
  const listeners = new Map<string, () => void>();
  const remove = () => {
    for (const [signal, listener] of listeners) process.removeListener(signal, listener);
    listeners.clear();
  };
  for (const signal of SIGNALS) {
    const listener = () => {
      const appHandlesIt = process.listenerCount(signal) > 1;
      const done = withTimeout(flush(), timeoutMs);
      if (appHandlesIt) return;
      void done.finally(() => {
        remove();
        process.kill(process.pid, signal);
      });
    };
    listeners.set(signal, listener);
    process.on(signal, listener);
  }
  return remove;
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  return Promise.race([promise.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}
