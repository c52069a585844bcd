import { findTool } from '@bizmetrics/rules/promtool';
import { describe, expect, it } from 'vitest';
import { INCIDENT_CLASSES, measureAlertQuality } from '../../src/index.ts';

// Real promtool (backfill) and Prometheus (evaluation) from .stack/bin; the goals of the docs.
describe('alert quality over simulated weeks', () => {
  // Fail, never skip, when a real tool is missing: `pnpm test` installs them first (.ci/setup-tools.sh).
  for (const tool of ['promtool', 'prometheus'] as const)
    it(`finds the real ${tool} in .stack/bin or on the PATH`, () => expect(findTool(tool)).toBeTruthy());

  it('generated rules detect every class, page within 10 minutes on collapses, and page for nothing at most once in two weeks', async () => {
    const q = await measureAlertQuality({ seed: 42 });
    const cls = (name: string) => q.generated.classes.find((c) => c.class === name)!;
    expect(q.generated.classes.map((c) => c.class)).toEqual([...INCIDENT_CLASSES]);
    for (const c of q.generated.classes) expect(c.detected, c.class).toBe(c.total);
    for (const name of ['total collapse', 'partial outage (one region)'])
      expect(cls(name).worstMinutes, name).toBeLessThanOrEqual(10);
    // The week whose baseline holds a holiday is one of the two scored.
    expect(q.scoredWeeks).toBe(2);
    expect(q.generated.falsePages.length).toBeLessThanOrEqual(1);
    // Static thresholds at the same false-page count see collapses but miss what only a baseline shows.
    expect(q.staticThresholds.falsePages.length).toBeLessThanOrEqual(q.generated.falsePages.length);
    const missedByStatic = q.staticThresholds.classes.filter((c) => c.detected < c.total).map((c) => c.class);
    expect(missedByStatic).toEqual(
      expect.arrayContaining(['slow burn (−20 % over 6 h)', 'revenue drop after a holiday in the baseline']),
    );
    expect(q.article.falsePages.length).toBeGreaterThan(10 * Math.max(1, q.generated.falsePages.length));
  }, 300_000);
});
