import { describe, expect, it } from 'vitest';
import { createSessionTracker } from '../src/session/session-tracker.ts';
import { memoryStorage } from './capture-fetch.ts';

function setup(store = memoryStorage()) {
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
    entryPage: () => '/home',
    store,
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
  return { tracker, events, advance, store };
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

  it('ends at most once, and a forgotten session is never ended', () => {
    const { tracker, events, advance } = setup();
    tracker.activity();
    advance(300);
    advance(5000);
    tracker.check();
    expect(events).toEqual(['start /home', 'end /home 0']);
    tracker.activity();
    tracker.forget();
    advance(5000);
    expect(events).toEqual(['start /home', 'end /home 0', 'start /home']);
  });

  it('keeps the session in storage, so the next page of the tab continues it', () => {
    const first = setup();
    first.tracker.activity();
    first.advance(400);
    first.tracker.activity();
    first.tracker.dispose();
    const stored = JSON.parse(first.store.getItem('bizmetrics.session')!);
    expect(stored).toMatchObject({ entryPage: '/home', startedAt: 0, lastActivityAt: 400 });
  });

  it('ends a stored session that went idle when the next page loads', () => {
    const store = memoryStorage();
    store.setItem(
      'bizmetrics.session',
      JSON.stringify({ startedAt: -5000, lastActivityAt: -2000, entryPage: '/cart' }),
    );
    const { events } = setup(store);
    expect(events).toEqual(['end /cart 3']);
    expect(store.getItem('bizmetrics.session')).toBeNull();
  });
});
