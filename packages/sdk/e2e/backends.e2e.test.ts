import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { standardCatalog } from '@bizmetrics/core';
import { promSeriesNames } from '@bizmetrics/core/prometheus';
import { isAlive } from '@bizmetrics/local-stack/support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectKpis, type Kpis, waitForRuns } from './kpis.ts';
import {
  EXPECTED_RULES,
  PATH_TITLES,
  type PathId,
  type RunningPath,
  Started,
  seriesNames,
  startPath,
  waitForRules,
  writeGeneratedRules,
} from './paths.ts';

const IDS = Object.keys(PATH_TITLES) as PathId[];

describe('the same KPIs from every path, chosen by environment variables alone', () => {
  const started = new Started();
  const paths = new Map<PathId, RunningPath>();
  const kpis: Partial<Record<PathId, Kpis>> = {};
  const rules: Partial<Record<PathId, Record<string, Record<string, number>>>> = {};
  const names: Partial<Record<PathId, string[]>> = {};
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bizmetrics-paths-'));
    const rulesFile = await writeGeneratedRules(dir);
    // Two at a time: the box has two cores, and each path starts a Node service and a Go server or two.
    for (let i = 0; i < IDS.length; i += 2)
      for (const p of await Promise.all(IDS.slice(i, i + 2).map((id) => startPath(id, rulesFile, started))))
        paths.set(p.id, p);
    // Run 1, wait until every backend holds it, then run 2: the rules' rates see one run's increase.
    for (const p of paths.values()) await p.service.run();
    for (const p of paths.values()) await waitForBackend(p, 1);
    for (const p of paths.values()) await p.service.run();
    for (const p of paths.values()) kpis[p.id] = await waitForBackend(p, 2);
  });

  afterAll(async () => {
    const pids = started.pids();
    await started.stopAll();
    await rm(dir, { recursive: true, force: true });
    for (const pid of pids) expect(isAlive(pid), `pid ${pid} still running`).toBe(false);
    const report = IDS.map(
      (id) =>
        `(${id}) ${PATH_TITLES[id]}\n  KPIs ${JSON.stringify(kpis[id])}\n  rules ${JSON.stringify(rules[id])}`,
    );
    console.log(`KPIs by path (2 workload runs each):\n${report.join('\n')}`);
  });

  it.each(IDS)('(%s) answers the KPI queries with the workload’s exact totals', (id) => {
    expectKpis(kpis[id]!, 2);
  });

  it.each(IDS)(
    '(%s) evaluates the generated recording rules to the workload’s ratios and quantiles',
    async (id) => {
      const got = await waitForRules(paths.get(id)!);
      rules[id] = got;
      for (const [rule, want] of Object.entries(EXPECTED_RULES))
        for (const [labels, value] of Object.entries(want))
          expect(got[rule]![labels], `${rule}${labels}`).toBeCloseTo(value, 9);
    },
  );

  it.each(IDS)('(%s) names every series exactly as promName() does, on the real translator', async (id) => {
    const allowed = new Set(Object.values(standardCatalog).flatMap((m) => promSeriesNames(m)));
    const got = await seriesNames(paths.get(id)!);
    names[id] = got.filter((n) => n.startsWith('business_'));
    expect(names[id]!.filter((n) => !allowed.has(n))).toEqual([]);
    // Every metric the workload records arrives under its name.
    for (const m of [
      standardCatalog.funnelSteps,
      standardCatalog.revenue,
      standardCatalog.orderValue,
      standardCatalog.sessionDuration,
      standardCatalog.featureUsage,
    ])
      for (const n of promSeriesNames(m)) expect(names[id], n).toContain(n);
  });

  it('agrees across paths: identical KPIs, rule values and series names from (a) to (g)', () => {
    for (const id of IDS) {
      expect(kpis[id], id).toEqual(kpis.a);
      expect(names[id], id).toEqual(names.a);
      for (const [rule, series] of Object.entries(rules.a!))
        for (const [labels, value] of Object.entries(series))
          expect(rules[id]![rule]![labels], `${id} ${rule}${labels}`).toBeCloseTo(value, 9);
    }
  });
});

async function waitForBackend(path: RunningPath, runs: number): Promise<Kpis> {
  return waitForRuns(path.queryUrl, runs, undefined, 60_000, () => path.flush());
}
