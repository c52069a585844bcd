import type { Presence } from './timeline.ts';

const DAY = 86_400;

/** Runs a range query at a one-minute step, a day at a time (Prometheus caps points per series). */
export async function presenceOver(url: string, expr: string, start: number, end: number): Promise<Presence> {
  const out: Presence = new Map();
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
      const times = out.get(key) ?? [];
      for (const [t] of r.values) times.push(t);
      out.set(key, times);
    }
  }
  return out;
}
