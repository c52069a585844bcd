import { isPointLimitMessage, isSyntaxMessage, PrometheusError } from './errors.ts';

/** A failed `fetch` (nothing listening, DNS, timeout) as a PrometheusError. */
export function transportError(error: unknown, base: string, timeoutMs: number): PrometheusError {
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new PrometheusError(
      'timeout',
      `no answer from ${base} within ${timeoutMs} ms`,
      'raise the timeout, shorten the range or widen the step',
    );
  }
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
  return new PrometheusError(
    'unreachable',
    `cannot reach ${base} (${detail})`,
    'check that Prometheus is running and that the URL (scheme, host, port) is right',
  );
}

/** The `data` of a successful API answer; any other answer as a PrometheusError saying what to change. */
export async function readBody(response: Response, url: string): Promise<unknown> {
  const text = await response.text();
  let body: { status?: string; data?: unknown; error?: string; errorType?: string } | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.status === 401 || response.status === 403) {
    throw new PrometheusError(
      'unauthorized',
      `${url} refused the request (HTTP ${response.status})`,
      'give a bearer token or basic-auth credentials that this server accepts',
      response.status,
    );
  }
  if (body?.status === 'success') return body.data;
  if (body?.status === 'error' || typeof body?.error === 'string') {
    const message = body.error ?? 'unknown error';
    if (isPointLimitMessage(message)) {
      throw new PrometheusError(
        'too-many-points',
        `${url}: ${message}`,
        'widen the step or shorten the range (or let the client split the range)',
        response.status,
      );
    }
    const kind =
      body.errorType === 'bad_data' || response.status === 400 || isSyntaxMessage(message)
        ? 'bad-query'
        : 'execution';
    const hint =
      kind === 'bad-query'
        ? 'fix the PromQL expression; try it in the Prometheus UI first'
        : 'the server could not evaluate the query in time or memory: shorten the range, widen the step or simplify the query';
    throw new PrometheusError(
      kind,
      `${url}: ${body.errorType ?? 'error'}: ${message}`,
      hint,
      response.status,
    );
  }
  if (response.status === 404) {
    throw new PrometheusError(
      'not-found',
      `${url} does not exist (HTTP 404)`,
      'give the base URL of the server, without /api/v1 or /graph',
      404,
    );
  }
  const type = response.headers.get('content-type') ?? 'no content type';
  throw new PrometheusError(
    'not-prometheus',
    `${url} did not answer as the Prometheus API (HTTP ${response.status}, ${type}): ${text.slice(0, 120)}`,
    'check that the URL points at Prometheus or VictoriaMetrics (e.g. http://127.0.0.1:9090)',
    response.status,
  );
}
