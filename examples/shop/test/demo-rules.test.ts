import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findStackBin } from '@bizmetrics/local-stack/support';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { demoRulesYaml } from '../src/demo/demo-rules.ts';
import { INCIDENTS } from '../src/shop/incidents.ts';
import { expectedKpis } from '../src/traffic/expected.ts';

const expected = expectedKpis(5);
const yaml = demoRulesYaml(expected);
const alerts = (
  parse(yaml) as { groups: { rules: { alert?: string; expr: string; for?: string }[] }[] }
).groups
  .flatMap((g) => g.rules)
  .filter((r) => r.alert);
const rule = (name: string) => alerts.find((a) => a.alert === name)!;

describe('demo rules profile', () => {
  it('has an alert for every incident, on 1-minute windows held for 1 minute', () => {
    for (const incident of Object.values(INCIDENTS)) {
      expect(rule(incident.alert).for).toBe('1m');
      // The 1-minute window shows as a range (`[1m]`) or in the recorded KPI's name (`…:ratio_rate1m`).
      expect(rule(incident.alert).expr).toMatch(/\[1m\]|[:_]rate1m(?![0-9smhdw])/);
    }
  });

  it('sets thresholds at fractions of the KPIs the traffic is expected to produce', () => {
    const threshold = (name: string) => Number(/[<>] ([\d.]+)\)/.exec(rule(name).expr)![1]);
    expect(threshold('PaymentStepConversionDrop')).toBeCloseTo(expected.paymentToReview * 0.5, 2);
    expect(threshold('ConversionRateDrop')).toBeCloseTo(expected.conversion * 0.7, 2);
    expect(threshold('RevenueBelowBaseline')).toBeCloseTo(expected.revenueMinorPerMinute['USD']! * 0.5, -1);
    expect(threshold('NewUserEngagementDrop')).toBeCloseTo(expected.newUserFeatureUsesPerMinute * 0.5, 2);
  });

  it('passes promtool check rules', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shop-rules-'));
    try {
      await writeFile(join(dir, 'demo.rules.yaml'), yaml);
      const { stdout } = await promisify(execFile)(findStackBin('promtool')!, [
        'check',
        'rules',
        join(dir, 'demo.rules.yaml'),
      ]);
      expect(stdout).toMatch(/SUCCESS: \d+ rules found/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
