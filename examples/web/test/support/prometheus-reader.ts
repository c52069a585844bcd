import { queryInstant } from '@bizmetrics/local-stack';

/** Reads `sum(name{labels})` from Prometheus' HTTP API; 0 when there is no such series yet. */
export function prometheusReader(baseUrl: string) {
  return async (name: string, labels: Record<string, string>): Promise<number> => {
    const matchers = Object.entries(labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    const result = await queryInstant(baseUrl, `sum(${name}{${matchers}})`);
    return result.length ? Number(result[0]!.value[1]) : 0;
  };
}
