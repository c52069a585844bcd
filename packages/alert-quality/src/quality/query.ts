import type { Presence } from './timeline.ts';

const DAY = 86_400;

/** Runs a range query at a one-minute step, a day at a time (Prometheus caps points per series). */
export async function presenceOver(url: string, expr: string, start: number, end: number): Promise<Presence> {
  const out: Presence = new Map();
  for (const [key, values] of await valuesOver(url, expr, start, end)) {
    const times: number[] = [];
    values.forEach((v, i) => {
      if (!Number.isNaN(v)) times.push(start + i * 60);
    });
    out.set(key, times);
  }
  return out;
}

/** Values of a range query at a one-minute step from `start`, per label set (NaN where it had no sample). */
export async function valuesOver(
  url: string,
  expr: string,
  start: number,
  end: number,
): Promise<Map<string, Float64Array>> {
  const out = new Map<string, Float64Array>();
  const length = Math.floor((end - start) / 60) + 1;
  for (let from = start; from <= end; from += DAY) {
    const to = Math.min(end, from + DAY - 60);
    const body = new URLSearchParams({ query: expr, start: String(from), end: String(to), step: '60' });
    const res = await fetch(`${url}/api/v1/query_range`, { method: 'POST', body });
    const json = (await res.json()) as {
      status: string;
      error?: string;
      data?: { result: { metric: Record<string, string>; values: [number, string][] }[] };
    };
    if (json.status !== 'success') throw new Error(`query failed: ${json.error}\n${expr}`);
    for (const r of json.data!.result) {
      const key = JSON.stringify(r.metric);
      const values = out.get(key) ?? new Float64Array(length).fill(Number.NaN);
      for (const [t, v] of r.values) values[(t - start) / 60] = Number(v);
      out.set(key, values);
    }
  }
  return out;
}
