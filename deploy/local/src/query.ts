/** One series of an instant vector from the Prometheus HTTP API (Prometheus and VictoriaMetrics). */
export interface VectorSample {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

/** One series of a range query's matrix. */
export interface MatrixSample {
  readonly metric: Record<string, string>;
  readonly values: [number, string][];
}

/** Runs an instant query; rejects with the API's error message. */
export function queryInstant(baseUrl: string, promql: string, time?: Date): Promise<VectorSample[]> {
  const params: Record<string, string> = { query: promql };
  if (time) params['time'] = String(time.getTime() / 1000);
  return apiGet<VectorSample[]>(baseUrl, '/api/v1/query', params);
}

/** Runs a range query from `start` to `end` every `stepSeconds`; rejects with the API's error message. */
export function queryRange(
  baseUrl: string,
  promql: string,
  range: { readonly start: Date; readonly end: Date; readonly stepSeconds: number },
): Promise<MatrixSample[]> {
  return apiGet<MatrixSample[]>(baseUrl, '/api/v1/query_range', {
    query: promql,
    start: String(range.start.getTime() / 1000),
    end: String(range.end.getTime() / 1000),
    step: String(range.stepSeconds),
  });
}

async function apiGet<T>(baseUrl: string, path: string, params: Record<string, string>): Promise<T> {
  const url = new URL(path, baseUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  let body: { status?: string; error?: string; data?: { result: T } };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`query failed (${res.status}): ${text.slice(0, 200)}: ${params['query']}`);
  }
  if (body.status !== 'success' || !body.data)
    throw new Error(`query failed (${res.status}): ${body.error ?? text.slice(0, 200)}: ${params['query']}`);
  return body.data.result;
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
