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

/** The part of `sessionStorage` the tracker uses; absent (or throwing) storage keeps state in memory. */
export interface SessionStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Options for {@link createSessionTracker}. */
export interface SessionTrackerOptions {
  /** A session ends after this long without activity (default 30 minutes). */
  readonly idleMs: number;
  readonly now: () => number;
  readonly timers: Timers;
  /** The entry page's route, computed when a session starts. */
  readonly entryPage: () => string;
  readonly sink: SessionSink;
  /** `sessionStorage`: the session survives reloads and navigation within the tab. */
  readonly store?: SessionStore;
}

/** A session as users understand it: one per tab, across reloads, until inactivity ends it. */
export interface SessionTracker {
  /** Marks user activity (or a route change); starts a session when none is running. */
  activity(): void;
  /** Ends the session now if its idle time has passed (timers sleep in background tabs). */
  check(): void;
  readonly active: boolean;
  /** Stops the idle timer; the session stays stored for the next page of the tab. */
  dispose(): void;
  /** Stops and forgets the session without recording its end (opt-out). */
  forget(): void;
}

interface Session {
  readonly startedAt: number;
  readonly entryPage: string;
  lastActivityAt: number;
}

const KEY = 'bizmetrics.session';

/**
 * Creates a session tracker. A session starts on the first activity of a tab, with its entry page,
 * and is kept in `sessionStorage`, so reloads and navigation within the tab continue it. It ends
 * only after `idleMs` without activity — its duration running to the last activity — detected by a
 * timer, when the tab comes back, or on the next page of the tab; hiding the tab does not end it.
 * A tab closed for good takes its running session with it: that session is never counted as ended.
 */
export function createSessionTracker(options: SessionTrackerOptions): SessionTracker {
  let timer: unknown;
  let running = load();

  function load(): Session | undefined {
    try {
      const raw = options.store?.getItem(KEY);
      const s = raw ? (JSON.parse(raw) as Session) : undefined;
      return s && typeof s.startedAt === 'number' && typeof s.lastActivityAt === 'number' ? s : undefined;
    } catch {
      return undefined;
    }
  }
  function save(): void {
    try {
      if (running) options.store?.setItem(KEY, JSON.stringify(running));
      else options.store?.removeItem(KEY);
    } catch {
      // Storage full or denied: the session lives in memory for this page.
    }
  }
  const clearTimer = () => {
    if (timer !== undefined) options.timers.clearTimeout(timer);
    timer = undefined;
  };
  const schedule = (ms: number) => {
    clearTimer();
    timer = options.timers.setTimeout(check, ms);
  };

  function check(): void {
    timer = undefined;
    const s = running;
    if (!s) return;
    const idleFor = options.now() - s.lastActivityAt;
    if (idleFor < options.idleMs) {
      schedule(options.idleMs - idleFor);
      return;
    }
    running = undefined;
    save();
    options.sink.ended(s.entryPage, Math.max(0, s.lastActivityAt - s.startedAt) / 1000);
  }

  check();
  return {
    activity() {
      check();
      const now = options.now();
      if (running) running.lastActivityAt = now;
      else {
        running = { startedAt: now, entryPage: options.entryPage(), lastActivityAt: now };
        options.sink.started(running.entryPage);
      }
      save();
      if (timer === undefined) schedule(options.idleMs);
    },
    check,
    get active() {
      return running !== undefined;
    },
    dispose: clearTimer,
    forget() {
      clearTimer();
      running = undefined;
      save();
    },
  };
}
