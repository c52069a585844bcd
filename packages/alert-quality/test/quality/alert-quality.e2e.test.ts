import { describe, expect, it } from 'vitest';
import { findTool } from '../../src/index.ts';
import { measureAlertQuality } from '../../src/quality/alert-quality.ts';

// Real promtool (backfill) and Prometheus (evaluation) from .stack/bin.
describe('alert quality over simulated weeks', () => {
  // Fail, never skip, when a real tool is missing: `pnpm test` installs them first (.ci/setup-tools.sh).
  for (const tool of ['promtool', 'prometheus'] as const)
    it(`finds the real ${tool} in .stack/bin or on the PATH`, () => expect(findTool(tool)).toBeTruthy());
  it('generated rules detect every incident and page far less often for nothing than the article’s', async () => {
    const q = await measureAlertQuality({ weeks: 3, seed: 42 });
    expect(q.generated.detections.map((d) => d.minutes !== undefined)).toEqual([true, true, true, true]);
    expect(q.generated.detections.every((d) => (d.minutes ?? Infinity) <= 90)).toBe(true);
    expect(q.generated.falseAlerts.length).toBeLessThanOrEqual(5);
    expect(q.article.falseAlerts.length).toBeGreaterThan(4 * q.generated.falseAlerts.length);
  }, 180_000);
});
