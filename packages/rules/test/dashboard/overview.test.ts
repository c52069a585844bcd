import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/index.ts';
import { buildModel } from '../../src/model.ts';
import { overviewDashboard } from '../../src/render.ts';

interface Panel {
  type: string;
  title: string;
  targets?: { expr: string }[];
}

describe('business overview dashboard', () => {
  const model = buildModel(defaultConfig);
  const dashboard = overviewDashboard(model) as { uid: string; panels: Panel[] };
  const exprs = dashboard.panels.flatMap((p) => p.targets?.map((t) => t.expr) ?? []);

  it('charts every KPI from a recording rule that the rule file defines', () => {
    const records = new Set(model.recording.rules.map((r) => r.record));
    const charted = exprs.filter((e) => /^[a-z_]+:[a-z0-9_]+:[a-z0-9_]+$/.test(e));
    expect(charted.length).toBe(defaultConfig.kpis.length);
    for (const e of charted) expect(records.has(e)).toBe(true);
  });

  it('shows the checkout funnel by step and the firing alerts', () => {
    expect(exprs).toContain(
      'sum by (step) (increase(business_funnel_steps_total{funnel="checkout"}[$__range]))',
    );
    expect(dashboard.panels.some((p) => p.type === 'table' && p.title === 'Firing alerts')).toBe(true);
  });
});
