import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/index.ts';
import { score } from '../../src/quality/score.ts';
import { firingEpisodes } from '../../src/quality/timeline.ts';

const minutes = (...ms: number[]) => ms.map((m) => m * 60);
const incident = (startMinute: number): Incident => ({
  class: 'total collapse',
  startMinute,
  minutes: 30,
  effect: { traffic: 0 },
});
const episode = (alert: string, from: number, until: number, page = true) => ({
  alert,
  labels: '{}',
  firingFrom: from * 60,
  until: until * 60,
  page,
});

describe('alert timeline', () => {
  it('fires only after the expression held for the whole `for`', () => {
    const presence = new Map([['{}', minutes(0, 1, 2, 3, 4, 5)]]);
    expect(firingEpisodes('A', presence, 5 * 60, 60)).toEqual([
      { alert: 'A', labels: '{}', firingFrom: 300, until: 300 },
    ]);
    expect(firingEpisodes('A', presence, 6 * 60, 60)).toEqual([]);
  });

  it('resets pending on a step without a sample', () => {
    const presence = new Map([['{}', minutes(0, 1, 2, 4, 5, 6)]]);
    expect(firingEpisodes('A', presence, 3 * 60, 60)).toEqual([]);
  });
});

describe('scoring', () => {
  it('counts an alert from the start of the incident’s first minute to the hour after it as a detection', () => {
    // The incident's first minute is minute 100, which starts at 99.
    const s = score([episode('Late', 108, 140), episode('Noise', 1000, 1010)], [incident(100)], 0);
    expect(s.detections.map((d) => [d.minutes, d.firstAlert])).toEqual([[9, 'Late']]);
    expect(s.classes[0]).toMatchObject({ detected: 1, total: 1, medianMinutes: 9, worstMinutes: 9 });
    expect(s.falsePages.map((e) => e.alert)).toEqual(['Noise']);
  });

  it('counts several series of one alert firing together as one false page, and tickets apart', () => {
    const s = score(
      [
        episode('Collapse', 500, 520),
        episode('Collapse', 505, 530),
        episode('Collapse', 600, 610),
        episode('Slow', 700, 710, false),
      ],
      [],
      0,
    );
    expect(s.falsePages.map((e) => e.firingFrom / 60)).toEqual([500, 600]);
    expect(s.falseTickets.map((e) => e.alert)).toEqual(['Slow']);
  });

  it('does not count an alert that was already firing when the incident began', () => {
    const s = score([episode('Nightly', 50, 120)], [incident(100)], 0);
    expect(s.detections[0]!.minutes).toBeUndefined();
    expect(s.falsePages.length).toBe(1);
  });
});
