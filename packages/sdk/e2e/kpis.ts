import { eventually, queryInstant } from '@bizmetrics/local-stack';
import { expect } from 'vitest';
import { expectedKpis, KPI_QUERIES, type KpiName, scoped, vectorToRecord } from './queries.ts';

export type Kpis = Record<KpiName, Record<string, number>>;

/** Reads every KPI from a backend, restricted to one source when a matcher is given. */
export async function readKpis(url: string, matcher?: string): Promise<Kpis> {
  const out = {} as Kpis;
  for (const [name, promql] of Object.entries(KPI_QUERIES) as Array<[KpiName, string]>)
    out[name] = vectorToRecord(await queryInstant(url, matcher ? scoped(promql, matcher) : promql));
  return out;
}

/** Waits until a backend holds exactly the totals of `runs` workload runs, then returns its KPIs. */
export async function waitForRuns(
  url: string,
  runs: number,
  matcher?: string,
  timeoutMs = 45_000,
  beforeRead?: () => Promise<void>,
): Promise<Kpis> {
  const expected = expectedKpis(runs);
  const want = JSON.stringify(sortKeys(expected.revenueByRegion));
  // Every KPI is read in turn: a scrape can land between two queries, so all must have their series.
  const complete = (k: Kpis) =>
    (Object.keys(expected) as KpiName[]).every(
      (name) =>
        JSON.stringify(Object.keys(k[name]).sort()) === JSON.stringify(Object.keys(expected[name]).sort()),
    );
  let last: Kpis | undefined;
  const ok = await eventually(async () => {
    await beforeRead?.();
    last = await readKpis(url, matcher);
    return JSON.stringify(sortKeys(last.revenueByRegion)) === want && complete(last);
  }, timeoutMs);
  if (!ok) throw new Error(`backend never held ${runs} runs: ${JSON.stringify(last?.revenueByRegion)}`);
  return last!;
}

function sortKeys(o: Record<string, number>) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

/** Asserts the KPIs equal what `runs` workload runs imply, within float tolerance. */
export function expectKpis(got: Kpis, runs: number) {
  const want = expectedKpis(runs);
  for (const name of Object.keys(want) as KpiName[]) {
    expect(Object.keys(got[name]).sort(), name).toEqual(Object.keys(want[name]).sort());
    for (const [labels, value] of Object.entries(want[name]))
      expect(got[name][labels], `${name}${labels}`).toBeCloseTo(value, 9);
  }
}
