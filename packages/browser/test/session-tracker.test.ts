import { describe, expect, it } from 'vitest';
import { createSessionTracker } from '../src/session/session-tracker.ts';

function setup() {
  let clock = 0;
  const timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let nextId = 1;
  const events: string[] = [];
  const tracker = createSessionTracker({
    idleMs: 1000,
    now: () => clock,
    timers: {
      setTimeout: (fn, ms) => {
        const id = nextId++;
        timers.push({ at: clock + ms, fn, id });
        return id;
      },
      clearTimeout: (id) => {
        const i = timers.findIndex((t) => t.id === id);
        if (i >= 0) timers.splice(i, 1);
      },
    },
    location: () => ({ pathname: '/home' }),
    routePattern: (l) => l.pathname,
    sink: {
      started: (entry) => events.push(`start ${entry}`),
      ended: (entry, seconds) => events.push(`end ${entry} ${seconds}`),
    },
  });
  const advance = (ms: number) => {
    clock += ms;
    for (const t of [...timers].sort((a, b) => a.at - b.at))
      if (t.at <= clock) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
  };
  return { tracker, events, advance };
}

describe('createSessionTracker', () => {
  it('ends an idle session at its last activity', () => {
    const { tracker, events, advance } = setup();
    tracker.activity();
    advance(600);
    tracker.activity();
    advance(999);
    expect(events).toEqual(['start /home']);
    advance(1);
    expect(events).toEqual(['start /home', 'end /home 0.6']);
    expect(tracker.active).toBe(false);
  });

  it('starts once however much activity follows', () => {
    const { tracker, events } = setup();
    tracker.activity();
    tracker.activity();
    tracker.activity();
    expect(events).toEqual(['start /home']);
  });

  it('ends at most once', () => {
    const { tracker, events, advance } = setup();
    tracker.activity();
    advance(300);
    tracker.end();
    tracker.end();
    advance(5000);
    expect(events).toEqual(['start /home', 'end /home 0.3']);
  });
});
