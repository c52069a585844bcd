import { describe, expect, it } from 'vitest';
import { score } from '../../src/quality/score.ts';
import { firingEpisodes } from '../../src/quality/timeline.ts';

const minutes = (...ms: number[]) => ms.map((m) => m * 60);

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

  it('scores alerts inside an incident as detections and the rest as false alerts', () => {
    const incident = { name: 'x', startMinute: 100, minutes: 30, effect: {} };
    const episodes = [
      { alert: 'Late', labels: '{}', firingFrom: 110 * 60, until: 140 * 60 },
      { alert: 'Noise', labels: '{}', firingFrom: 1000 * 60, until: 1010 * 60 },
    ];
    const s = score(episodes, [incident], 0);
    expect(s.detections).toEqual([{ incident: 'x', minutes: 10, firstAlert: 'Late' }]);
    expect(s.falseAlerts.map((e) => e.alert)).toEqual(['Noise']);
  });

  it('does not count an alert that was already firing when the incident began', () => {
    const incident = { name: 'x', startMinute: 100, minutes: 30, effect: {} };
    const s = score(
      [{ alert: 'Nightly', labels: '{}', firingFrom: 50 * 60, until: 120 * 60 }],
      [incident],
      0,
    );
    expect(s.detections).toEqual([{ incident: 'x', alreadyFiring: 'Nightly' }]);
    expect(s.falseAlerts.length).toBe(1);
  });
});
