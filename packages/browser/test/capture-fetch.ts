/** One sent data point, flattened from OTLP/JSON. */
export interface Point {
  readonly name: string;
  readonly attributes: Record<string, string>;
  /** Counter increment, or histogram sum. */
  readonly value: number;
  readonly count?: number;
  readonly buckets?: number[];
  readonly temporality: number;
}

/** A `fetch` stand-in that keeps every body it is given and answers with `status`. */
export interface CaptureFetch {
  readonly fetch: typeof fetch;
  readonly bodies: string[];
  readonly requests: RequestInit[];
  /** Status to answer with; a number below 100 makes the request fail like a network error. */
  status: number;
  points(): Point[];
}

interface OtlpMetric {
  name: string;
  sum?: { aggregationTemporality: number; dataPoints: Array<{ attributes: Attr[]; asInt: string }> };
  histogram?: {
    aggregationTemporality: number;
    dataPoints: Array<{ attributes: Attr[]; count: string; sum: number; bucketCounts: string[] }>;
  };
}
type Attr = { key: string; value: { stringValue: string } };

const attrs = (list: Attr[]) => Object.fromEntries(list.map((a) => [a.key, a.value.stringValue]));

/** Creates a capturing fetch that answers 200. */
export function createCaptureFetch(): CaptureFetch {
  const capture: CaptureFetch = {
    bodies: [],
    requests: [],
    status: 200,
    fetch: (async (_url: string, init: RequestInit) => {
      if (capture.status < 100) throw new TypeError('Failed to fetch');
      capture.requests.push(init);
      if (capture.status === 200) capture.bodies.push(init.body as string);
      return new Response('{}', { status: capture.status });
    }) as typeof fetch,
    points() {
      return capture.bodies.flatMap((body) =>
        (
          JSON.parse(body).resourceMetrics as Array<{ scopeMetrics: Array<{ metrics: OtlpMetric[] }> }>
        ).flatMap((rm) =>
          rm.scopeMetrics.flatMap((sm) =>
            sm.metrics.flatMap((m): Point[] =>
              m.sum
                ? m.sum.dataPoints.map((p) => ({
                    name: m.name,
                    attributes: attrs(p.attributes),
                    value: Number(p.asInt),
                    temporality: m.sum!.aggregationTemporality,
                  }))
                : m.histogram!.dataPoints.map((p) => ({
                    name: m.name,
                    attributes: attrs(p.attributes),
                    value: p.sum,
                    count: Number(p.count),
                    buckets: p.bucketCounts.map(Number),
                    temporality: m.histogram!.aggregationTemporality,
                  })),
            ),
          ),
        ),
      );
    },
  };
  return capture;
}

/** Sum of values (histograms: counts) of `name` whose attributes include `match`. */
export function total(points: Point[], name: string, match: Record<string, unknown> = {}): number {
  return points
    .filter((p) => p.name === name && Object.entries(match).every(([k, v]) => p.attributes[k] === v))
    .reduce((s, p) => s + (p.count ?? p.value), 0);
}

/** An in-memory `Storage` (sessionStorage / localStorage stand-in). */
export function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    map,
  };
}
