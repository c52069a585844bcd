import { type CorrelateRequest, resolveCorrelateRequest } from '../config/request.ts';
import { createPrometheusClient } from '../prometheus/client.ts';
import type { CorrelationAnalysis } from './correlate.ts';
import { correlatePrometheus } from './correlate-prometheus.ts';

/** The whole of `bizmetrics correlate`: resolve the request, query Prometheus, correlate. */
export async function correlateRequest(request: CorrelateRequest, now?: Date): Promise<CorrelationAnalysis> {
  const { client, analysis } = resolveCorrelateRequest(request, now);
  return correlatePrometheus({ ...analysis, client: createPrometheusClient(client) });
}
