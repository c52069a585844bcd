import { describe, expect, it } from 'vitest';
import { explainScoreChange } from '../../src/ux.ts';

const parts = (apdex: number, errorFree: number, vitals?: number) => ({
  apdex: { value: apdex, weight: 0.5 },
  error_free: { value: errorFree, weight: 0.25 },
  ...(vitals === undefined ? {} : { web_vitals: { value: vitals, weight: 0.25 } }),
});

describe('explainScoreChange', () => {
  it('names the component that moved the score, with contributions that add up to the change', () => {
    const e = explainScoreChange(parts(0.75, 1, 1), parts(0.5, 1, 1));
    expect(e.before).toBe(0.875);
    expect(e.after).toBe(0.75);
    expect(e.components[0]).toEqual({ component: 'apdex', before: 0.75, after: 0.5, contribution: -0.125 });
    expect(e.components.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(e.change, 12);
    expect(e.sentence).toBe(
      'the score went from 87.5% to 75.0% (−12.5 points): apdex 75.0% → 50.0% (−12.5 points)',
    );
  });

  it('says when browser data appears rather than blaming a component', () => {
    const e = explainScoreChange(parts(0.75, 0.75), parts(0.75, 0.75, 0.5));
    expect(e.change).toBe(0.6875 - 0.75);
    expect(e.sentence).toContain('web_vitals appeared (50.0%)');
  });

  it('says the score did not change', () => {
    expect(explainScoreChange(parts(0.9, 1), parts(0.9, 1)).sentence).toBe(
      'the score did not change (93.3%)',
    );
  });
});
