/** One series of an instant vector from the Prometheus HTTP API (Prometheus and VictoriaMetrics). */
export interface VectorSample {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

/** Runs an instant query; rejects with the API's error message. */
export async function queryInstant(baseUrl: string, promql: string): Promise<VectorSample[]> {
  const url = new URL('/api/v1/query', baseUrl);
  url.searchParams.set('query', promql);
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const body = (await res.json()) as { status: string; error?: string; data?: { result: VectorSample[] } };
  if (body.status !== 'success') throw new Error(`query failed (${res.status}): ${body.error}: ${promql}`);
  return body.data?.result ?? [];
}

/** Polls `check` every 500 ms until it returns true or the timeout passes; returns the last result. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return true;
    } catch {
      // not there yet
    }
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 500));
  }
}
