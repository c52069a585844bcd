import type { RouteLocation, RoutePattern } from './route-pattern.ts';

/** Where session boundaries are recorded. */
export interface SessionSink {
  started(entryPage: string): void;
  ended(entryPage: string, durationSeconds: number): void;
}

/** Timer functions, injectable for tests. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options for {@link createSessionTracker}. */
export interface SessionTrackerOptions {
  /** A session ends after this long without activity (default 30 minutes). */
  readonly idleMs: number;
  readonly now: () => number;
  readonly timers: Timers;
  readonly location: () => RouteLocation;
  readonly routePattern: RoutePattern;
  readonly sink: SessionSink;
}

/** Session state machine: started by activity, ended by idleness or by the page being hidden. */
export interface SessionTracker {
  /** Marks user activity; starts a session when none is running. */
  activity(): void;
  /** Ends the running session now (page hidden or unloading). */
  end(): void;
  readonly active: boolean;
  /** Stops the idle timer without recording anything. */
  dispose(): void;
}

interface Running {
  readonly startedAt: number;
  readonly entryPage: string;
  lastActivityAt: number;
}

/**
 * Creates a session tracker. A session starts on the first activity, with the entry page as a route
 * pattern; it ends after `idleMs` without activity (its length runs to the last activity) or when
 * `end()` is called (its length runs to now). The next activity starts a new session.
 */
export function createSessionTracker(options: SessionTrackerOptions): SessionTracker {
  let running: Running | undefined;
  let timer: unknown;

  const clearTimer = () => {
    if (timer !== undefined) options.timers.clearTimeout(timer);
    timer = undefined;
  };

  const finish = (endAt: number) => {
    const session = running;
    if (!session) return;
    running = undefined;
    clearTimer();
    options.sink.ended(session.entryPage, Math.max(0, endAt - session.startedAt) / 1000);
  };

  const schedule = (ms: number) => {
    clearTimer();
    timer = options.timers.setTimeout(checkIdle, ms);
  };

  function checkIdle(): void {
    timer = undefined;
    const session = running;
    if (!session) return;
    const idleFor = options.now() - session.lastActivityAt;
    if (idleFor >= options.idleMs) finish(session.lastActivityAt);
    else schedule(options.idleMs - idleFor);
  }

  return {
    activity() {
      const now = options.now();
      if (running) {
        running.lastActivityAt = now;
        return;
      }
      const entryPage = options.routePattern(options.location());
      running = { startedAt: now, entryPage, lastActivityAt: now };
      schedule(options.idleMs);
      options.sink.started(entryPage);
    },
    end() {
      finish(options.now());
    },
    get active() {
      return running !== undefined;
    },
    dispose() {
      clearTimer();
      running = undefined;
    },
  };
}
