import { describe, expect, it } from 'vitest';
import { tuneStatic } from '../../src/quality/static-thresholds.ts';

const rule = { name: 'StaticX', expr: 'x', forMinutes: 2 };
/** A KPI at 100 with a quiet dip to 40 (minutes 20–29) and an incident at 5 (minutes 60–69). */
const values = Float64Array.from({ length: 100 }, (_, i) =>
  i >= 60 && i < 70 ? 5 : i >= 20 && i < 30 ? 40 : 100,
);
const incident = [{ from: 59 * 60, to: 75 * 60 }];

describe('static thresholds tuned to a false-page budget', () => {
  it('sit just under the lowest normal value held for `for`: no false page, the incident still fires', () => {
    const t = tuneStatic([{ rule, labels: '{}', values }], incident, 0, 0);
    expect(t.thresholds[0]!.threshold).toBe(40);
    expect(t.episodes.map((e) => e.firingFrom / 60)).toEqual([62]);
  });

  it('spend a budget only where it buys a detection', () => {
    const t = tuneStatic([{ rule, labels: '{}', values }], incident, 0, 1);
    expect(t.thresholds[0]!.threshold).toBe(40);
  });
});
